using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Vtis.AppHost.Queue;

/// <summary>
/// Queue depth as gauges (meter <c>Vtis.Queue</c>): <c>vtis.queue.messages</c> by state (enqueued, scheduled,
/// processing, failed), <c>vtis.queue.waiting</c> by queue (engine, default) and <c>vtis.queue.workers</c> (worker
/// processes). The queue is shared, so every replica reports the same figures: aggregate them with max, not sum.
/// </summary>
/// <remarks>The meter is static and each running app registers its storage while it runs (a test process hosts
/// several apps; each scrape then shows one of their figures). A scrape reads the storage at most every
/// <see cref="Freshness"/>.</remarks>
public sealed class QueueGauges(HangfireQueueMonitor monitor, TimeProvider clock, ILogger<QueueGauges> logger) : IHostedService
{
    public const string MeterName = "Vtis.Queue";
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(5);
    private static readonly Meter Meter = new(MeterName);
    private static readonly List<QueueGauges> Running = [];
    private static readonly Lock Gate = new();

    static QueueGauges()
    {
        Meter.CreateObservableGauge("vtis.queue.messages", () => Observe(f => f.Messages), "{message}",
            "Queue messages by state (enqueued, scheduled for a retry, processing, failed: dead letters).");
        Meter.CreateObservableGauge("vtis.queue.waiting", () => Observe(f => f.Waiting), "{message}",
            "Messages waiting for a worker, by queue (engine: local engine jobs; default: everything else).");
        Meter.CreateObservableGauge("vtis.queue.workers", () => Observe(f => f.Workers), "{process}",
            "Worker processes connected to the queue.");
    }

    private Figures? _last;
    private DateTimeOffset _readAt;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (Gate) Running.Add(this);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (Gate) Running.Remove(this);
        return Task.CompletedTask;
    }

    private static IEnumerable<Measurement<long>> Observe(Func<Figures, IEnumerable<Measurement<long>>> pick)
    {
        QueueGauges? current;
        lock (Gate) current = Running.Count > 0 ? Running[^1] : null;
        return current?.Read() is { } figures ? pick(figures) : [];
    }

    private Figures? Read()
    {
        lock (this)
        {
            if (_readAt != default && clock.GetUtcNow() - _readAt < Freshness) return _last;
            try
            {
                var status = monitor.Read(failedCount: 0);
                _last = new Figures(
                    [State("enqueued", status.Enqueued), State("scheduled", status.Scheduled), State("processing", status.Processing), State("failed", status.Failed)],
                    [.. monitor.Waiting().Select(q => new Measurement<long>(q.Waiting, new TagList { { "queue", q.Queue } }))],
                    [new Measurement<long>(status.Servers)]);
                _readAt = clock.GetUtcNow();
            }
            catch (Exception e)
            {
                // A scrape while Redis is away reports no queue figures rather than failing the whole scrape, and the
                // failure is kept as long as a good read would be, so the three gauges do not each wait on Redis.
                logger.LogWarning(e, "Reading the queue's figures for the metrics failed");
                _last = null;
                _readAt = clock.GetUtcNow();
            }

            return _last;
        }
    }

    private static Measurement<long> State(string state, long value) => new(value, new TagList { { "state", state } });

    private sealed record Figures(Measurement<long>[] Messages, Measurement<long>[] Waiting, Measurement<long>[] Workers);
}
