using System.Text.Json.Serialization;

namespace Vtis.GhostCut;

/// <summary>The envelope of every GhostCut API answer: <c>{code,msg,trace,body}</c>.</summary>
/// <typeparam name="TBody">The operation's body; GhostCut sends <c>null</c> with errors.</typeparam>
public sealed record GhostCutEnvelope<TBody>
{
    /// <summary><see cref="GhostCutCodes.Success"/> when accepted; any other value is an error, even with HTTP 200.</summary>
    [JsonPropertyName("code")]
    public int Code { get; init; }

    /// <summary>GhostCut's message, e.g. <c>success</c> or <c>AppSign is invalid</c>.</summary>
    [JsonPropertyName("msg")]
    public string? Msg { get; init; }

    /// <summary>GhostCut's trace id (32 hex), worth quoting to their support.</summary>
    [JsonPropertyName("trace")]
    public string? Trace { get; init; }

    /// <summary>The operation's result; written even when null, as GhostCut does with errors.</summary>
    [JsonPropertyName("body")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public TBody? Body { get; init; }
}
