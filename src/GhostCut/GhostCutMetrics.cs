using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Vtis.GhostCut;

/// <summary>The client's metrics (meter <c>Vtis.GhostCut</c>): each GhostCut API call's duration by operation
/// (<c>create</c>, <c>status</c>) and outcome (<c>ok</c> or the error kind), retries and timeouts included.</summary>
public static class GhostCutMetrics
{
    /// <summary>The meter to subscribe to (OpenTelemetry <c>AddMeter</c>).</summary>
    public const string MeterName = "Vtis.GhostCut";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "vtis.ghostcut.request.duration", "s", "GhostCut API calls, by operation and outcome (ok, timeout, circuit-open, unreachable, http-NNN, code-NNN, unreadable).");

    internal static void Record(string operation, string outcome, TimeSpan elapsed) =>
        Duration.Record(elapsed.TotalSeconds, new TagList { { "operation", operation }, { "outcome", outcome } });

    internal static string Outcome(GhostCutException e) =>
        e.HttpStatus is { } status ? $"http-{status}"
        : e.Code is { } code ? $"code-{code}"
        : e.InnerException is Polly.CircuitBreaker.BrokenCircuitException ? "circuit-open"
        : e.InnerException is OperationCanceledException or Polly.Timeout.TimeoutRejectedException ? "timeout"
        : e.InnerException is HttpRequestException or IOException ? "unreachable"
        : "unreadable";
}
