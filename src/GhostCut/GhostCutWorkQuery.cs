using System.Text.Json.Serialization;

namespace Vtis.GhostCut;

/// <summary>Body of <see cref="GhostCutPaths.WorkStatus"/>: works by id, or every work of some batches.</summary>
public sealed record GhostCutWorkQuery
{
    /// <summary>Work ids to read.</summary>
    [JsonPropertyName("idWorks")]
    public IReadOnlyList<long>? IdWorks { get; init; }

    /// <summary>Batch ids whose works to read.</summary>
    [JsonPropertyName("idProjects")]
    public IReadOnlyList<long>? IdProjects { get; init; }
}

/// <summary>Body answered by <see cref="GhostCutPaths.WorkStatus"/>.</summary>
public sealed record GhostCutWorkPage
{
    /// <summary>One row per known work, in no guaranteed order; empty when the ids are unknown.</summary>
    [JsonPropertyName("content")]
    public IReadOnlyList<GhostCutWork>? Content { get; init; }
}
