using Microsoft.Extensions.Options;
using Vtis.GhostCut;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceInterface.Jobs;
using Vtis.ServiceInterface.Jobs.Processing;
using Vtis.ServiceInterface.Storage;
using Vtis.ServiceModel.Jobs;

namespace Vtis.ServiceInterface.GhostCutJobs;

/// <summary>
/// Hands a job to GhostCut: a signed URL of the input, a per-job callback URL, the regions as masks. GhostCut bills
/// every create call and has no idempotency, so the callback token is stored before the call and the work id right
/// after it; when a call's outcome is unknown (timeout after sending, or a crash) the job is never resubmitted: it
/// waits for the callback (which names the token) or for its maximum age.
/// </summary>
public sealed class GhostCutProcessor(
    IGhostCutClient client, IBlobStore store, JobLifecycle lifecycle, GhostCutEndpoints endpoints,
    IOptions<GhostCutOptions> ghostCut, IOptions<JobOptions> jobs, TimeProvider clock) : IJobProcessor
{
    private static readonly TimeSpan InputUrlLifetime = TimeSpan.FromHours(24);

    public ProcessorKind Kind => ProcessorKind.GhostCut;

    public async Task<ProcessorOutcome> RunAsync(Job job, IProgress<int> progress, CancellationToken ct)
    {
        if (job.CallbackToken is not null) return new ProcessorOutcome.Pending(); // an earlier attempt may have reached GhostCut

        var token = Secrets.NewToken(24);
        await lifecycle.TransitionAsync(job.Id, "submitting", "Sending the video to GhostCut", j =>
        {
            if (j.Status != JobStatus.Processing || j.CallbackToken is not null) return false;
            j.CallbackToken = token;
            return true;
        }, ct);

        GhostCutSubmission submission;
        try
        {
            submission = await client.SubmitAsync(BuildRequest(job, token), ct);
        }
        catch (GhostCutException e) when (e.OutcomeUnknown && e.HttpStatus is null)
        {
            // No answer (timeout, dropped connection): the work may exist. Never resubmit; the callback, which
            // carries the token, adopts the work if it exists, else the job fails at its maximum age.
            return new ProcessorOutcome.Pending();
        }
        catch (GhostCutException e) when (e.IsTransient || e.HttpStatus >= 500)
        {
            // An answer that is an error (5xx, 429, 3006) means GhostCut did not create the work.
            await lifecycle.TransitionAsync(job.Id, null, null, j => { j.CallbackToken = null; return true; }, CancellationToken.None);
            throw;
        }
        catch (GhostCutException e)
        {
            throw new JobFailedException("processor-rejected", e.Code is 2001 or 2003 or 2004 or 3006
                ? "Text removal is temporarily unavailable. Please try again later."
                : $"GhostCut could not take the video ({e.Message}).");
        }

        var workId = submission.WorkIds[0];
        await lifecycle.TransitionAsync(job.Id, "submitted", $"GhostCut work {workId}", j =>
        {
            j.RemoteTaskId = workId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            j.NextPollAt = clock.GetUtcNow().AddSeconds(jobs.Value.PollFirstSeconds);
            return true;
        }, CancellationToken.None);
        progress.Report(5);
        return new ProcessorOutcome.Pending();
    }

    private GhostCutWorkRequest BuildRequest(Job job, string token)
    {
        var config = JobViews.Config(job);
        var masks = config.Regions.Select(r => GhostCutMask.Box(
            config.AutoDetect ? GhostCutMaskType.RemoveOnlyOcr : GhostCutMaskType.Remove,
            r.X0, r.Y0, r.X1, r.Y1, r.Start ?? 0, r.End ?? GhostCutMask.UntilEnd)).ToList();
        return new GhostCutWorkRequest
        {
            Urls = [endpoints.Absolute(store.GetDownloadUrl(job.InputKey!, InputUrlLifetime, job.OriginalFilename)).ToString()],
            Names = [job.DisplayName],
            Resolution = "1080p",
            Callback = endpoints.CallbackUrl(token).ToString(),
            Uid = string.IsNullOrWhiteSpace(ghostCut.Value.Uid) ? null : ghostCut.Value.Uid,
            NeedChineseOcclude = masks.Count > 0 ? 2 : 1,
            VideoInpaintLang = config.Language,
            VideoInpaintMasks = masks.Count > 0 ? GhostCutMask.ToField(masks) : null,
            ExtraOptions = config.Quality == OutputQuality.High ? """{"write_options":{"crf":18}}""" : null,
        };
    }
}
