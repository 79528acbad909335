using System.Net;

namespace Vtis.Client;

/// <summary>An RFC 7807 problem answered by the service (or found by the client's own validation before sending).</summary>
public sealed class ApiException : Exception
{
    /// <summary>Creates the exception from a problem's parts.</summary>
    public ApiException(int status, string? type, string title, string? detail,
        IReadOnlyDictionary<string, string[]>? errors = null, string? correlationId = null, TimeSpan? retryAfter = null)
        : base(detail is null ? $"{status} {title}" : $"{status} {title}: {detail}")
    {
        Status = status;
        Type = type;
        Title = title;
        Detail = detail;
        Errors = errors ?? new Dictionary<string, string[]>();
        CorrelationId = correlationId;
        RetryAfter = retryAfter;
    }

    /// <summary>HTTP status code.</summary>
    public int Status { get; }

    /// <summary>HTTP status code as an enum.</summary>
    public HttpStatusCode StatusCode => (HttpStatusCode)Status;

    /// <summary>Stable identifier of the kind of problem, e.g. <c>/problems/validation</c>.</summary>
    public string? Type { get; }

    /// <summary>Short summary of the kind of problem.</summary>
    public string Title { get; }

    /// <summary>What went wrong in this case.</summary>
    public string? Detail { get; }

    /// <summary>Field errors keyed by camelCase field path.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>The server's correlation id for this request, to quote in a report.</summary>
    public string? CorrelationId { get; }

    /// <summary>How long to wait before retrying, when the server said (429, 503).</summary>
    public TimeSpan? RetryAfter { get; }
}
