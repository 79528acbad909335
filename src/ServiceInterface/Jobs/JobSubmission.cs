using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Credits;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceInterface.Jobs.Processing;
using Vtis.ServiceModel.Jobs;
using Vtis.ServiceModel.Uploads;

namespace Vtis.ServiceInterface.Jobs;

/// <summary>
/// Creates a job and reserves its credits in one transaction under the account's credit lock, then enqueues it
/// after commit. A job whose message is lost (crash between commit and enqueue) is picked up by the reconciler.
/// </summary>
public sealed class JobSubmission(
    AppDbContext db, CreditLedger ledger, JobPricing pricing, ProcessorCatalog processors, IJobQueue queue,
    IJobNotifier notifier, Webhooks.WebhookOutbox outbox, ICurrentUser caller, IHttpContextAccessor http, TimeProvider clock,
    ILogger<JobSubmission> logger)
{
    /// <summary>The job an earlier submit with this request's Idempotency-Key created, if any.</summary>
    public Task<Job?> FindEarlierAsync(Guid? uploadId, string? sourceUrl, CancellationToken ct) =>
        IdempotencyKey() is { } key ? FindByKeyAsync(key, uploadId, sourceUrl, ct) : Task.FromResult<Job?>(null);

    public async Task<Job> SubmitAsync(Upload upload, string? displayName, ProcessingConfig config, string? sourceUrl, CancellationToken ct)
    {
        if (upload.Status != UploadStatus.Ready || upload.Media is null)
            throw Problems.Conflict("upload-not-ready", "The upload is not ready: complete it first (or it was rejected).");
        var processor = processors.Resolve(config.Processor) ?? throw new ProblemException(
            StatusCodes.Status422UnprocessableEntity, "processor-unavailable", "Processor unavailable",
            config.Processor == ProcessorKind.Auto
                ? "No processor is configured on this server."
                : $"The {config.Processor} processor is not available on this server.");

        var key = IdempotencyKey();
        if (key is not null && await FindByKeyAsync(key, upload.Id, sourceUrl, ct) is { } earlier) return earlier;

        var (credits, _) = pricing.Estimate(upload.Media);
        var now = clock.GetUtcNow();
        var job = new Job
        {
            AccountId = caller.AccountId,
            UserId = caller.UserId,
            UploadId = upload.Id,
            SourceUrl = sourceUrl,
            OriginalFilename = upload.FileName,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? upload.FileName : displayName.Trim(),
            Status = JobStatus.Queued,
            Processor = processor,
            ProcessingConfig = JobViews.Serialize(config),
            EstimatedCredits = credits,
            InputKey = upload.StorageKey,
            InputSize = upload.Size,
            InputMedia = upload.Media.Copy(), // owned values belong to one owner each
            IdempotencyKey = key,
            CreatedAt = now,
            UpdatedAt = now,
        };

        IReadOnlyList<WebhookDelivery> low;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await ledger.LockAccountAsync(caller.AccountId, ct);
            if (key is not null && await FindByKeyAsync(key, upload.Id, sourceUrl, ct) is { } raced) return raced;
            var balance = await ledger.GetBalanceAsync(caller.AccountId, ct);
            if (balance.Available < credits)
                throw new ProblemException(StatusCodes.Status402PaymentRequired, "insufficient-credits", "Insufficient credits",
                    $"The job needs {credits} credits; {balance.Available} are available.")
                {
                    Extensions = new Dictionary<string, object?>
                    {
                        ["required"] = credits,
                        ["available"] = balance.Available,
                        ["shortfall"] = credits - balance.Available,
                    },
                };

            db.Jobs.Add(job);
            ledger.Reserve(caller.AccountId, job.Id, credits);
            db.JobEvents.Add(new JobEvent { AccountId = job.AccountId, JobId = job.Id, Kind = "queued", CreatedAt = now });
            low = await outbox.StageCreditsLowAsync(caller.AccountId, ledger, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        outbox.Dispatch(low);

        try
        {
            queue.EnqueueProcessing(job.Id, job.Processor);
        }
        catch (Exception e)
        {
            // The job is committed and its credits reserved: answering 500 now would lose it from the caller's view.
            // The reconciler enqueues queued jobs that no worker took, so a failed enqueue only delays the job.
            logger.LogWarning(e, "Enqueueing job {JobId} failed; the reconciler will pick it up", job.Id);
        }

        await notifier.JobChangedAsync(job, ct);
        return job;
    }

    private string? IdempotencyKey() => Common.IdempotencyKey.Of(http.HttpContext);

    /// <summary>The job an earlier submit with the same key created; a key reused for another upload is a conflict.</summary>
    private async Task<Job?> FindByKeyAsync(string key, Guid? uploadId, string? sourceUrl, CancellationToken ct)
    {
        var earlier = await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.IdempotencyKey == key, ct);
        var same = earlier is not null && (sourceUrl is null ? earlier.UploadId == uploadId && earlier.SourceUrl is null : earlier.SourceUrl == sourceUrl);
        if (earlier is not null && !same)
            throw Problems.Conflict("idempotency-key-reused", "This Idempotency-Key was already used for a different request.");
        return earlier;
    }
}
