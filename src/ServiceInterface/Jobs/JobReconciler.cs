using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceModel.Jobs;

namespace Vtis.ServiceInterface.Jobs;

/// <summary>
/// The job rows are the source of truth; this sweep makes the queue agree with them. It re-enqueues jobs whose
/// message was lost or whose worker died, queues again stored GhostCut callbacks that were never processed (their
/// message was lost), asks GhostCut about works whose callback is overdue, and fails jobs past their maximum age
/// (releasing their credits). Runs once per interval across all replicas (the caller holds a
/// distributed lock) and is safe to run twice: the lifecycle guards every change.
/// </summary>
public sealed class JobReconciler(AppDbContext db, JobLifecycle lifecycle, IJobQueue queue, IOptions<JobOptions> options, TimeProvider clock, ILogger<JobReconciler> logger)
{
    private const int Batch = 200;

    public async Task<SweepResult> SweepAsync(CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();

        var tooOld = now.AddSeconds(-o.MaxAgeSeconds);
        var expired = await db.Jobs.Where(j => (j.Status == JobStatus.Queued || j.Status == JobStatus.Processing) && j.CreatedAt < tooOld)
            .OrderBy(j => j.CreatedAt).Select(j => j.Id).Take(Batch).ToListAsync(ct);
        foreach (var id in expired)
            await lifecycle.FailAsync(id, "timed-out", "The job took too long and was stopped. Your credits were released.", ct);

        var queuedBefore = now.AddSeconds(-o.StuckQueuedSeconds);
        var processingBefore = now.AddSeconds(-o.StuckProcessingSeconds);
        // Not a GhostCut job whose create call's outcome is unknown (token stored, no work id): running it again would
        // do nothing (it is never resubmitted); its callback adopts the work, or it fails at its maximum age above.
        var stuck = await db.Jobs.Where(j =>
                (j.Status == JobStatus.Queued && j.UpdatedAt < queuedBefore) ||
                (j.Status == JobStatus.Processing && j.RemoteTaskId == null && j.CallbackToken == null && j.UpdatedAt < processingBefore))
            .OrderBy(j => j.CreatedAt).Select(j => new { j.Id, j.Processor }).Take(Batch).ToListAsync(ct);
        foreach (var job in stuck)
        {
            // Touch the row so the next sweep waits a full interval again before re-enqueueing it.
            if (await lifecycle.TransitionAsync(job.Id, "requeued", "Picked up again after a lost message or a worker crash",
                    j => !JobLifecycle.IsTerminal(j.Status), ct) is not null)
                queue.EnqueueProcessing(job.Id, job.Processor);
        }

        var due = await db.Jobs.Where(j => j.Status == JobStatus.Processing && j.RemoteTaskId != null && j.NextPollAt != null && j.NextPollAt <= now)
            .OrderBy(j => j.CreatedAt).Select(j => j.Id).Take(Batch).ToListAsync(ct);
        foreach (var id in due) queue.EnqueueRemoteSync(id);

        var callbacks = await RequeueCallbacksAsync(now, o, ct);

        if (expired.Count + stuck.Count + callbacks > 0)
            logger.LogInformation("Reconciler failed {Expired} expired job(s), re-enqueued {Stuck} stuck job(s) and {Callbacks} unprocessed callback(s)",
                expired.Count, stuck.Count, callbacks);
        return new SweepResult(expired.Count, stuck.Count, due.Count, callbacks);
    }

    /// <summary>The callback rows are an outbox: one still unprocessed a while after it arrived (or after it was last
    /// queued again) lost its message, so it is queued again. One older than a job may live is closed as abandoned.</summary>
    private async Task<int> RequeueCallbacksAsync(DateTimeOffset now, JobOptions o, CancellationToken ct)
    {
        var before = now.AddSeconds(-o.CallbackRequeueSeconds);
        var abandonBefore = now.AddSeconds(-o.MaxAgeSeconds);
        var rows = await db.GhostCutCallbacks
            .Where(c => c.ProcessedAt == null && c.ReceivedAt < before && (c.RequeuedAt == null || c.RequeuedAt < before))
            .OrderBy(c => c.ReceivedAt).Take(Batch).ToListAsync(ct);
        foreach (var row in rows)
        {
            if (row.JobId is null || row.ReceivedAt < abandonBefore)
            {
                row.ProcessedAt = now;
                row.Outcome = row.JobId is null ? "ignored: unknown token" : "abandoned: never processed";
            }
            else row.RequeuedAt = now;
        }

        await db.SaveChangesAsync(ct);
        var requeued = rows.Where(r => r.ProcessedAt is null).ToList();
        foreach (var row in requeued) queue.EnqueueRemoteSync(row.JobId!.Value, row.Id);
        return requeued.Count;
    }
}

public sealed record SweepResult(int Expired, int Requeued, int Polled, int CallbacksRequeued);
