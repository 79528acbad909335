using Hangfire;
using Vtis.ServiceInterface.Admin;
using Vtis.ServiceModel.Admin;

namespace Vtis.AppHost.Queue;

/// <summary>The queue's counters and dead letters, from Hangfire's monitoring API.</summary>
public sealed class HangfireQueueMonitor(JobStorage storage, IConfiguration configuration) : IQueueMonitor
{
    public QueueStatus Read(int failedCount)
    {
        var monitoring = storage.GetMonitoringApi();
        var stats = monitoring.GetStatistics();
        return new QueueStatus
        {
            Storage = string.IsNullOrEmpty(configuration.GetConnectionString("Redis")) ? "memory" : "redis",
            Enqueued = stats.Enqueued,
            Scheduled = stats.Scheduled,
            Processing = stats.Processing,
            Failed = stats.Failed,
            Succeeded = stats.Succeeded,
            // Worker processes, not queue servers: each process runs exactly one server for the engine queue.
            Servers = monitoring.Servers().Count(s => s.Queues.Contains(HangfireJobQueue.EngineQueue)),
            // FailedJobs(0, 0) would read every dead letter on Redis (a range to -1): ask only when some are wanted.
            RecentFailures = failedCount <= 0 ? [] : monitoring.FailedJobs(0, failedCount).Select(f => new FailedMessage
            {
                Id = f.Key,
                Work = f.Value.Job is { } job ? $"{job.Type.Name}.{job.Method.Name}" : "(unknown)",
                JobId = f.Value.Job?.Args.OfType<Guid>().FirstOrDefault() is { } id && id != Guid.Empty ? id : null,
                Error = f.Value.ExceptionMessage,
                FailedAt = f.Value.FailedAt is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null,
            }).ToList(),
        };
    }

    /// <summary>Messages waiting for a worker in each of the service's queues.</summary>
    public IReadOnlyList<(string Queue, long Waiting)> Waiting()
    {
        var monitoring = storage.GetMonitoringApi();
        return [.. new[] { HangfireJobQueue.EngineQueue, HangfireJobQueue.DefaultQueue }.Select(q => (q, monitoring.EnqueuedCount(q)))];
    }
}
