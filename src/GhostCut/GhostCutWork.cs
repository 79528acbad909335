using System.Text.Json.Serialization;

namespace Vtis.GhostCut;

/// <summary>
/// One work as GhostCut reports it, in status answers and as the body of a callback. Only
/// <see cref="ProcessStatus"/> tells the state: a failed work also shows progress 100.
/// </summary>
public sealed record GhostCutWork
{
    /// <summary>The work id.</summary>
    [JsonPropertyName("id")]
    [JsonConverter(typeof(GhostCutIdConverter))]
    public long Id { get; init; }

    /// <summary>The batch the work was created in.</summary>
    [JsonPropertyName("idProject")]
    [JsonConverter(typeof(GhostCutIdConverter))]
    public long IdProject { get; init; }

    /// <summary>The input URL.</summary>
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    /// <summary>The work name given at creation.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>Input duration in seconds, once known.</summary>
    [JsonPropertyName("duration")]
    public double? Duration { get; init; }

    /// <summary><c>-3..0</c> running, <c>1</c> succeeded, above 1 a failure code (see <see cref="GhostCutFailures"/>).</summary>
    [JsonPropertyName("processStatus")]
    public int ProcessStatus { get; init; }

    /// <summary>GhostCut's label of <see cref="ProcessStatus"/>.</summary>
    [JsonPropertyName("processStatusEnum")]
    public GhostCutStatusDescription? ProcessStatusEnum { get; init; }

    /// <summary>0..100; informative only, never a sign of success.</summary>
    [JsonPropertyName("processProgress")]
    public double ProcessProgress { get; init; }

    /// <summary>The result video, empty until success; temporary, so copy it.</summary>
    [JsonPropertyName("videoUrl")]
    public string? VideoUrl { get; init; }

    /// <summary>GhostCut's explanation of a failure.</summary>
    [JsonPropertyName("errorDetail")]
    public string? ErrorDetail { get; init; }

    /// <summary>Points GhostCut charged for the work.</summary>
    [JsonPropertyName("paidPoint")]
    public double? PaidPoint { get; init; }

    /// <summary>Whether GhostCut is still working on it.</summary>
    [JsonIgnore]
    public bool IsRunning => ProcessStatus <= 0;

    /// <summary>Whether the result video is ready at <see cref="VideoUrl"/>.</summary>
    [JsonIgnore]
    public bool IsSucceeded => ProcessStatus == 1;

    /// <summary>Whether the work failed; <see cref="GhostCutFailures.Describe"/> explains why.</summary>
    [JsonIgnore]
    public bool IsFailed => ProcessStatus > 1;
}

/// <summary>The <c>processStatusEnum</c> of a work row.</summary>
public sealed record GhostCutStatusDescription
{
    /// <summary>The status code, as in <see cref="GhostCutWork.ProcessStatus"/>.</summary>
    [JsonPropertyName("code")]
    public int Code { get; init; }

    /// <summary>GhostCut's description of it.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }
}
