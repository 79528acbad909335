using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Vtis.ServiceInterface.Credits;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceModel.Jobs;

namespace Vtis.ServiceInterface.Jobs;

/// <summary>
/// The one place a job changes state. Every transition is guarded (only from the states that allow it) and written
/// with the job's optimistic concurrency token together with its ledger entries, so duplicate or late callbacks,
/// polls, retries and cancels can never move a job twice or charge twice; a lost race re-reads and re-decides.
/// </summary>
public sealed class JobLifecycle(AppDbContext db, CreditLedger ledger, IJobNotifier notifier, TimeProvider clock, ILogger<JobLifecycle> logger)
{
    private const int MaxRaces = 8;

    public static bool IsTerminal(JobStatus status) => status is JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled;

    /// <summary>Queued → processing (or a retry of processing). Null when the job is gone or already finished.</summary>
    public Task<Job?> StartAsync(Guid jobId, CancellationToken ct) =>
        TransitionAsync(jobId, "started", null, job =>
        {
            if (IsTerminal(job.Status)) return false;
            job.Status = JobStatus.Processing;
            job.Attempts++;
            job.StartedAt ??= clock.GetUtcNow();
            return true;
        }, ct);

    /// <summary>Raises progress; progress never goes backwards and never reaches 100 before completion.</summary>
    public Task<Job?> ProgressAsync(Guid jobId, int percent, CancellationToken ct) =>
        TransitionAsync(jobId, null, null, job =>
        {
            var clamped = Math.Clamp(percent, 0, 99);
            if (job.Status != JobStatus.Processing || clamped <= job.ProgressPercentage) return false;
            job.ProgressPercentage = clamped;
            return true;
        }, ct);

    /// <summary>Processing → completed: stores the output and turns the reservation into the charge.</summary>
    public Task<Job?> CompleteAsync(Guid jobId, string outputKey, CancellationToken ct) =>
        TransitionAsync(jobId, "completed", null, job => TryComplete(job, outputKey), ct);

    /// <summary>The completion rule, for callers that change more of the job in the same write.</summary>
    public bool TryComplete(Job job, string outputKey)
    {
        if (job.Status != JobStatus.Processing) return false;
        job.Status = JobStatus.Completed;
        job.ProgressPercentage = 100;
        job.OutputKey = outputKey;
        job.ActualCreditsUsed = job.EstimatedCredits;
        job.CompletedAt = clock.GetUtcNow();
        ledger.Charge(job.AccountId, job.Id, job.EstimatedCredits, job.EstimatedCredits);
        return true;
    }

    /// <summary>Queued or processing → failed: releases the reservation.</summary>
    public Task<Job?> FailAsync(Guid jobId, string code, string message, CancellationToken ct) =>
        TransitionAsync(jobId, "failed", message, job =>
        {
            if (IsTerminal(job.Status)) return false;
            job.Status = JobStatus.Failed;
            job.ErrorCode = code;
            job.ErrorMessage = message;
            job.CompletedAt = clock.GetUtcNow();
            ledger.Release(job.AccountId, job.Id, job.EstimatedCredits, $"Released: job failed ({code})");
            return true;
        }, ct);

    /// <summary>Queued or processing → cancelled: releases the reservation; a GhostCut work in flight is abandoned.</summary>
    public Task<Job?> CancelAsync(Guid jobId, CancellationToken ct) =>
        TransitionAsync(jobId, "cancelled", null, job =>
        {
            if (IsTerminal(job.Status)) return false;
            job.Status = JobStatus.Cancelled;
            job.CompletedAt = clock.GetUtcNow();
            job.NextPollAt = null;
            ledger.Release(job.AccountId, job.Id, job.EstimatedCredits, "Released: job cancelled");
            return true;
        }, ct);

    /// <summary>Applies <paramref name="change"/> when it returns true; answers the job as stored afterwards
    /// (null when the change did not apply).</summary>
    public async Task<Job?> TransitionAsync(Guid jobId, string? eventKind, string? eventMessage, Func<Job, bool> change, CancellationToken ct)
    {
        for (var race = 0; race < MaxRaces; race++)
        {
            db.ChangeTracker.Clear();
            var job = await db.Jobs.SingleOrDefaultAsync(j => j.Id == jobId, ct);
            if (job is null || !change(job)) return null;
            job.Version++;
            job.UpdatedAt = clock.GetUtcNow();
            if (eventKind is not null)
                db.JobEvents.Add(new JobEvent { AccountId = job.AccountId, JobId = job.Id, Kind = eventKind, Message = eventMessage, CreatedAt = job.UpdatedAt });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                logger.LogDebug("Job {JobId} changed concurrently; re-reading", jobId);
                continue;
            }

            await notifier.JobChangedAsync(job, ct);
            return job;
        }

        throw new InvalidOperationException($"Job {jobId} kept changing under {MaxRaces} attempts to update it.");
    }
}
