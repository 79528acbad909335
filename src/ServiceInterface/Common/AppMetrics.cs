using System.Diagnostics;
using System.Diagnostics.Metrics;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceModel.Jobs;

namespace Vtis.ServiceInterface.Common;

/// <summary>The service's own metrics (meter <c>Vtis</c>): jobs by outcome and their processing time, GhostCut jobs
/// finished by callback or by poll, credits sold and used, webhook delivery attempts by outcome (GhostCut call
/// latency and errors are the client's meter, <c>Vtis.GhostCut</c>). Exported by OpenTelemetry (Prometheus at /metrics, OTLP when set).</summary>
public static class AppMetrics
{
    public const string MeterName = "Vtis";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> JobsFinished = Meter.CreateCounter<long>(
        "vtis.jobs.finished", "{job}", "Jobs that reached a final state, by status and processor.");

    private static readonly Histogram<double> ProcessingTime = Meter.CreateHistogram<double>(
        "vtis.jobs.processing_time", "s", "From submit to the final state, by status and processor.");

    private static readonly Counter<long> CreditsUsed = Meter.CreateCounter<long>(
        "vtis.credits.used", "{credit}", "Credits charged for completed jobs.");

    private static readonly Counter<long> CreditsSold = Meter.CreateCounter<long>(
        "vtis.credits.sold", "{credit}", "Credits added by purchases.");

    private static readonly Counter<long> WebhookAttempts = Meter.CreateCounter<long>(
        "vtis.webhooks.attempts", "{attempt}", "Outbound webhook delivery attempts, by outcome (succeeded, retrying, failed).");

    private static readonly Counter<long> RemoteFinishes = Meter.CreateCounter<long>(
        "vtis.ghostcut.jobs.finished", "{job}", "GhostCut jobs brought to their final state, by the path that reported it (callback or poll) and status.");

    public static void JobFinished(Job job)
    {
        var tags = new TagList { { "status", job.Status.ToString().ToLowerInvariant() }, { "processor", job.Processor.ToString().ToLowerInvariant() } };
        JobsFinished.Add(1, tags);
        if (job.CompletedAt is { } end) ProcessingTime.Record((end - job.CreatedAt).TotalSeconds, tags);
        if (job.Status == JobStatus.Completed && job.ActualCreditsUsed is > 0 and var used) CreditsUsed.Add(used);
    }

    /// <summary>Counts a GhostCut job that reached its final state through <paramref name="via"/> (callback or poll).</summary>
    public static void RemoteJobFinished(string via, string status) =>
        RemoteFinishes.Add(1, new TagList { { "via", via }, { "status", status } });

    public static void Sold(long credits) => CreditsSold.Add(credits);

    public static void WebhookAttempt(string outcome) => WebhookAttempts.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
