using System.Diagnostics;
using System.Diagnostics.Metrics;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceModel.Jobs;

namespace Vtis.ServiceInterface.Common;

/// <summary>The service's own metrics (meter <c>Vtis</c>): jobs by outcome and their processing time, credits sold and
/// used, webhook delivery attempts by outcome. Exported by OpenTelemetry (Prometheus at /metrics, OTLP when set).</summary>
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

    public static void JobFinished(Job job)
    {
        var tags = new TagList { { "status", job.Status.ToString().ToLowerInvariant() }, { "processor", job.Processor.ToString().ToLowerInvariant() } };
        JobsFinished.Add(1, tags);
        if (job.CompletedAt is { } end) ProcessingTime.Record((end - job.CreatedAt).TotalSeconds, tags);
        if (job.Status == JobStatus.Completed && job.ActualCreditsUsed is > 0 and var used) CreditsUsed.Add(used);
    }

    public static void Sold(long credits) => CreditsSold.Add(credits);

    public static void WebhookAttempt(string outcome) => WebhookAttempts.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
