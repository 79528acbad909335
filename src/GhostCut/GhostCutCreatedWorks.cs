using System.Text.Json.Serialization;

namespace Vtis.GhostCut;

/// <summary>Body answered by <see cref="GhostCutPaths.CreateWork"/>.</summary>
public sealed record GhostCutCreatedWorks
{
    /// <summary>The batch id of this call.</summary>
    [JsonPropertyName("idProject")]
    [JsonConverter(typeof(GhostCutIdConverter))]
    public long IdProject { get; init; }

    /// <summary>One entry per requested URL, in the order of the request's <c>urls</c>.</summary>
    [JsonPropertyName("dataList")]
    public IReadOnlyList<GhostCutCreatedWork>? DataList { get; init; }
}

/// <summary>A work created for one input URL.</summary>
public sealed record GhostCutCreatedWork
{
    /// <summary>The input URL.</summary>
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    /// <summary>The work id, used for status queries and found in callbacks.</summary>
    [JsonPropertyName("id")]
    [JsonConverter(typeof(GhostCutIdConverter))]
    public long Id { get; init; }
}
