namespace Vtis.GhostCut;

/// <summary>A GhostCut call that did not succeed: an error envelope, an HTTP error, a timeout or a network failure.</summary>
public sealed class GhostCutException : Exception
{
    /// <summary>Creates an exception with a message only.</summary>
    /// <param name="message">What went wrong.</param>
    public GhostCutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception caused by another.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public GhostCutException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The envelope code (see <see cref="GhostCutCodes"/>) when GhostCut answered one.</summary>
    public int? Code { get; init; }

    /// <summary>The HTTP status when GhostCut answered with a non-success status.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>GhostCut's trace id of the answer, for their support.</summary>
    public string? Trace { get; init; }

    /// <summary>Whether the same call may succeed later (rate limit, 5xx, 429, timeout, network).</summary>
    public bool IsTransient { get; init; }

    /// <summary>
    /// Whether the request may have reached GhostCut and taken effect (timeouts, 5xx, lost or garbled answers).
    /// After a submit this means works may exist and be billed: never resubmit blindly.
    /// </summary>
    public bool OutcomeUnknown { get; init; }

    internal static GhostCutException FromEnvelope(int code, string? msg, string? trace) =>
        new($"GhostCut answered code {code}: {msg}") { Code = code, Trace = trace, IsTransient = GhostCutCodes.IsTransient(code) };

    internal static GhostCutException FromHttpStatus(int status) => new($"GhostCut answered HTTP {status}.")
    {
        HttpStatus = status,
        IsTransient = status is >= 500 or 429 or 408,
        OutcomeUnknown = status >= 500,
    };

    internal static GhostCutException Unreadable(string reason, Exception? cause = null) =>
        new($"GhostCut's answer could not be read: {reason}", cause) { IsTransient = true, OutcomeUnknown = true };
}
