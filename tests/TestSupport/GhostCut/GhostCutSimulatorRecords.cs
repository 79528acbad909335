namespace Vtis.TestSupport;

/// <summary>A request the simulator's API received, recorded on arrival before any check.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The request path.</param>
/// <param name="AppKey">The <c>AppKey</c> header, if any.</param>
/// <param name="Body">The raw body as text.</param>
/// <param name="ReceivedAt">Arrival time (UTC).</param>
public sealed record GhostCutRequestRecord(string Method, string Path, string? AppKey, string Body, DateTimeOffset ReceivedAt);

/// <summary>One attempt to deliver a callback.</summary>
/// <param name="WorkId">The work called back about.</param>
/// <param name="Url">The callback URL.</param>
/// <param name="Attempt">1 for the first attempt of a delivery, then 2, 3...</param>
/// <param name="Body">The raw body sent (a work row, no envelope).</param>
/// <param name="Signature">The <c>Callback-Sign</c> header sent.</param>
/// <param name="HttpStatus">The answer's status; <see langword="null"/> when no answer came.</param>
/// <param name="Response">The answer's body.</param>
/// <param name="Error">Why no answer came, if so.</param>
/// <param name="SentAt">Send time (UTC).</param>
public sealed record GhostCutCallbackAttempt(
    long WorkId, string Url, int Attempt, string Body, string Signature,
    int? HttpStatus, string? Response, string? Error, DateTimeOffset SentAt)
{
    /// <summary>Whether GhostCut would count this attempt as delivered: HTTP 200 with a non-empty body.</summary>
    public bool Accepted => HttpStatus == 200 && !string.IsNullOrEmpty(Response);
}
