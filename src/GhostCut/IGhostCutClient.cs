namespace Vtis.GhostCut;

/// <summary>Calls the GhostCut API.</summary>
public interface IGhostCutClient
{
    /// <summary>
    /// Creates one text-removal work per URL. Not idempotent: every call bills new works, so persist the returned
    /// ids before anything else, and on a <see cref="GhostCutException.OutcomeUnknown"/> failure do not resubmit.
    /// </summary>
    /// <param name="request">The inputs and options.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The batch id and the work ids in the order of the URLs.</returns>
    /// <exception cref="GhostCutException">GhostCut refused the request or could not be reached.</exception>
    Task<GhostCutSubmission> SubmitAsync(GhostCutWorkRequest request, CancellationToken ct);

    /// <summary>Reads works by id. Safe to repeat; unknown ids are simply missing from the result.</summary>
    /// <param name="workIds">The work ids.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The known works, in no guaranteed order: match them by <see cref="GhostCutWork.Id"/>.</returns>
    /// <exception cref="GhostCutException">GhostCut refused the request or could not be reached.</exception>
    Task<IReadOnlyList<GhostCutWork>> GetWorksAsync(IReadOnlyList<long> workIds, CancellationToken ct);
}
