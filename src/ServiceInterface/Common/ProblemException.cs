using Microsoft.AspNetCore.Http;

namespace Vtis.ServiceInterface.Common;

/// <summary>
/// An expected failure that becomes an RFC 7807 response. <see cref="Type"/> is stable per kind of error so clients
/// can branch on it; <see cref="Title"/> is the same for every instance of a kind, <see cref="Detail"/> explains this one.
/// </summary>
public class ProblemException(int status, string type, string title, string? detail = null) : Exception(detail ?? title)
{
    public int Status { get; } = status;
    public string Type { get; } = "/problems/" + type;
    public string Title { get; } = title;
    public string? Detail { get; } = detail;
    public IDictionary<string, string[]>? Errors { get; init; }
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Extra members of the problem document (e.g. <c>shortfall</c> on 402).</summary>
    public IDictionary<string, object?>? Extensions { get; init; }
}

/// <summary>The problems handlers raise, one factory per kind.</summary>
public static class Problems
{
    public static ProblemException NotFound(string what) =>
        new(StatusCodes.Status404NotFound, "not-found", "Not found", $"{what} was not found.");

    public static ProblemException Conflict(string type, string detail) =>
        new(StatusCodes.Status409Conflict, type, "Conflict", detail);

    public static ProblemException Unauthorized(string type, string detail) =>
        new(StatusCodes.Status401Unauthorized, type, "Unauthorized", detail);

    public static ProblemException Forbidden(string detail) =>
        new(StatusCodes.Status403Forbidden, "forbidden", "Forbidden", detail);

    public static ProblemException Field(string field, string message) =>
        new(StatusCodes.Status400BadRequest, "validation", "One or more fields are invalid.", message)
        {
            Errors = new Dictionary<string, string[]> { [field] = [message] },
        };

    public static ProblemException VideoTooLarge(long limitBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, "payload-too-large", "Payload too large",
            $"The video is larger than the limit of {ByteSize.Format(limitBytes)}: send a shorter or more compressed video.");

    public static ProblemException TooManyRequests(string type, string detail, TimeSpan retryAfter) =>
        new(StatusCodes.Status429TooManyRequests, type, "Too many requests", detail) { RetryAfter = retryAfter };
}
