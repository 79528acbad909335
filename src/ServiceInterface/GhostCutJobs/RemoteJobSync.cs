using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vtis.GhostCut;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceInterface.Jobs;
using Vtis.ServiceModel.Jobs;

namespace Vtis.ServiceInterface.GhostCutJobs;

/// <summary>
/// Brings a GhostCut job up to date from one work row, whichever path delivered it: a recorded callback or a status
/// poll. Both end in the same guarded lifecycle transitions, so the first to report a final state wins and every
/// later report (duplicate, late, after cancel) is recorded as ignored.
/// </summary>
public sealed class RemoteJobSync(IServiceScopeFactory scopes, ILogger<RemoteJobSync> logger)
{
    public async Task SyncAsync(Guid jobId, long? callbackId, CancellationToken ct)
    {
        await using var scope = scopes.CreateSystemScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AppDbContext>();
        var callback = callbackId is { } id ? await db.GhostCutCallbacks.SingleOrDefaultAsync(c => c.Id == id, ct) : null;
        if (callback is { ProcessedAt: not null })
        {
            // A second message for the same callback (the sweep queued it again while the first was on its way).
            logger.LogDebug("GhostCut callback {CallbackId} already processed: {Outcome}", callback.Id, callback.Outcome);
            return;
        }

        var outcome = await ApplyAsync(services, db, jobId, callback, ct);
        if (outcome == "completed" || outcome.StartsWith("failed", StringComparison.Ordinal))
            AppMetrics.RemoteJobFinished(callback is null ? "poll" : "callback", outcome == "completed" ? "completed" : "failed");
        if (callback is not null)
        {
            callback.ProcessedAt = services.GetRequiredService<TimeProvider>().GetUtcNow();
            callback.Outcome = outcome;
            await db.SaveChangesAsync(CancellationToken.None);
        }

        logger.LogInformation("GhostCut sync of job {JobId}: {Outcome}", jobId, outcome);
    }

    private static async Task<string> ApplyAsync(IServiceProvider services, AppDbContext db, Guid jobId, GhostCutCallback? callback, CancellationToken ct)
    {
        var job = await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null) return "ignored: job deleted";
        var rerun = job.Status == JobStatus.Completed && callback is not null;
        if (job.Status != JobStatus.Processing && !rerun) return $"ignored: job already {job.Status.ToString().ToLowerInvariant()}";

        var lifecycle = services.GetRequiredService<JobLifecycle>();
        GhostCutWork? work;
        if (callback is not null)
        {
            work = JsonSerializer.Deserialize<GhostCutWork>(callback.Body, GhostCutJson.Options);
            if (work is null) return "ignored: empty callback";
            var workId = work.Id.ToString(CultureInfo.InvariantCulture);
            if (rerun)
                return job.RemoteTaskId == workId && work.IsSucceeded && work.VideoUrl != job.RemoteResultUrl
                    ? await services.GetRequiredService<GhostCutResults>().ReplaceOutputAsync(job, work, ct)
                    : "ignored: job already completed";
            if (job.RemoteTaskId is null)
                await lifecycle.TransitionAsync(job.Id, "adopted", $"GhostCut work {workId} named by its callback", j =>
                {
                    if (j.RemoteTaskId is not null) return false;
                    j.RemoteTaskId = workId;
                    return true;
                }, ct);
            else if (job.RemoteTaskId != workId) return $"ignored: work {workId} is not this job's work {job.RemoteTaskId}";
        }
        else
        {
            if (!long.TryParse(job.RemoteTaskId, CultureInfo.InvariantCulture, out var workId)) return "ignored: no GhostCut work yet";
            var rows = await services.GetRequiredService<IGhostCutClient>().GetWorksAsync([workId], ct);
            work = rows.FirstOrDefault(r => r.Id == workId);
            if (work is null)
            {
                await lifecycle.FailAsync(job.Id, "remote-lost", "GhostCut no longer knows this video's work. Your credits were released.", ct);
                return "failed: GhostCut does not know the work";
            }
        }

        return await services.GetRequiredService<GhostCutResults>().ApplyAsync(job, work, ct);
    }
}
