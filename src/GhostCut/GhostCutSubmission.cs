namespace Vtis.GhostCut;

/// <summary>The works GhostCut created for a <see cref="GhostCutWorkRequest"/>.</summary>
/// <param name="IdProject">The batch id.</param>
/// <param name="WorkIds">One work id per requested URL, in the order of the request's URLs.</param>
public sealed record GhostCutSubmission(long IdProject, IReadOnlyList<long> WorkIds);
