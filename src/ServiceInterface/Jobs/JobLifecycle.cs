using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Credits;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceInterface.Webhooks;
using Vtis.ServiceModel.Jobs;
using Vtis.ServiceModel.Webhooks;

namespace Vtis.ServiceInterface.Jobs;

/// <summary>
/// The one place a job changes state. Every transition is guarded (only from the states that allow it) and written
/// with the job's optimistic concurrency token together with its ledger entries, so duplicate or late callbacks,
/// polls, retries and cancels can never move a job twice or charge twice; a lost race re-reads and re-decides.
/// </summary>
public sealed class JobLifecycle(
    AppDbContext db, CreditLedger ledger, IJobNotifier notifier, WebhookOutbox outbox, TimeProvider clock, ILogger<JobLifecycle> logger)
{
    private const int MaxRaces = 8;

    /// <summary>Progress events go to <c>job.progress</c> subscribers at every step of this many percent.</summary>
    public const int ProgressStep = 10;

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
    public Task<Job?> ProgressAsync(Guid jobId, int percent, CancellationToken ct)
    {
        var step = false;
        return TransitionAsync(jobId, null, null, job =>
        {
            var clamped = Math.Clamp(percent, 0, 99);
            if (job.Status != JobStatus.Processing || clamped <= job.ProgressPercentage) return false;
            step = clamped / ProgressStep > job.ProgressPercentage / ProgressStep;
            job.ProgressPercentage = clamped;
            return true;
        }, ct, _ => step ? WebhookEventTypes.JobProgress : null);
    }

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
    /// (null when the change did not apply). A move to a final state puts its webhook event (job.completed, job.failed,
    /// job.cancelled) in the outbox in the same write; <paramref name="webhookEvent"/> names another.</summary>
    public async Task<Job?> TransitionAsync(Guid jobId, string? eventKind, string? eventMessage, Func<Job, bool> change, CancellationToken ct,
        Func<Job, string?>? webhookEvent = null)
    {
        for (var race = 0; race < MaxRaces; race++)
        {
            db.ChangeTracker.Clear();
            var job = await db.Jobs.SingleOrDefaultAsync(j => j.Id == jobId, ct);
            if (job is null || !change(job)) return null;
            var readVersion = job.Version;
            job.Version++;
            job.UpdatedAt = clock.GetUtcNow();
            if (eventKind is not null)
                db.JobEvents.Add(new JobEvent { AccountId = job.AccountId, JobId = job.Id, Kind = eventKind, Message = eventMessage, CreatedAt = job.UpdatedAt });
            var type = webhookEvent?.Invoke(job) ?? WebhookEventFor(job, eventKind);
            var deliveries = type is null ? [] : await outbox.StageAsync(job.AccountId, type, JobViews.Describe(job), ct);
            try
            {
                await ledger.SaveAsync(job.AccountId, ct); // a charge or release takes the account's credit lock
            }
            catch (DbUpdateConcurrencyException)
            {
                logger.LogDebug("Job {JobId} changed concurrently; re-reading", jobId);
                continue;
            }
            catch (DbUpdateException)
            {
                // The same race seen from the ledger: the winner's entry (one release or charge per job, a unique
                // index) was written before this write's version check, so the insert failed first.
                if (!await ChangedSinceAsync(jobId, readVersion)) throw;
                logger.LogDebug("Job {JobId} changed concurrently (its ledger entry exists); re-reading", jobId);
                continue;
            }

            outbox.Dispatch(deliveries);
            if (eventKind is "completed" or "failed" or "cancelled" && IsTerminal(job.Status)) AppMetrics.JobFinished(job);
            await notifier.JobChangedAsync(job, ct);
            return job;
        }

        throw new InvalidOperationException($"Job {jobId} kept changing under {MaxRaces} attempts to update it.");
    }

    private async Task<bool> ChangedSinceAsync(Guid jobId, int version)
    {
        db.ChangeTracker.Clear();
        return await db.Jobs.AsNoTracking().AnyAsync(j => j.Id == jobId && j.Version != version, CancellationToken.None);
    }

    private static string? WebhookEventFor(Job job, string? eventKind) => (eventKind, job.Status) switch
    {
        ("completed", JobStatus.Completed) => WebhookEventTypes.JobCompleted,
        ("failed", JobStatus.Failed) => WebhookEventTypes.JobFailed,
        ("cancelled", JobStatus.Cancelled) => WebhookEventTypes.JobCancelled,
        _ => null,
    };
}
