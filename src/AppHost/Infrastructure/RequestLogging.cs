using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Vtis.AppHost.Infrastructure;

/// <summary>
/// One structured line per request with a correlation id, which is also answered in <c>X-Correlation-Id</c> and
/// put in every ProblemDetails. Only method, path, status and timing are logged: never headers, query strings or
/// bodies, so tokens, keys and signed URLs stay out of the logs.
/// </summary>
public static partial class RequestLogging
{
    public const string Header = "X-Correlation-Id";

    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var incoming = http.Request.Headers[Header].ToString();
        var id = SafeId().IsMatch(incoming) ? incoming : Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
        http.TraceIdentifier = id;
        http.Response.Headers[Header] = id;

        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Vtis.Requests");
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id });
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(http);
        }
        finally
        {
            logger.LogInformation("{Method} {Path} answered {StatusCode} in {ElapsedMs:0.0} ms",
                http.Request.Method, http.Request.Path.Value, http.Response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    });

    [GeneratedRegex("^[A-Za-z0-9._-]{8,64}$")]
    private static partial Regex SafeId();
}
