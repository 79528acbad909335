using Microsoft.Extensions.Options;
using Vtis.GhostCut;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceInterface.Jobs;
using Vtis.ServiceInterface.Media;
using Vtis.ServiceInterface.Storage;
using Vtis.ServiceInterface.Uploads;

namespace Vtis.ServiceInterface.GhostCutJobs;

/// <summary>Turns a GhostCut work row into the job's next state. GhostCut's result URLs expire, so a finished
/// result is copied into our storage (streamed) and checked with ffprobe before the job completes.</summary>
public sealed class GhostCutResults(
    JobLifecycle lifecycle, IBlobStore store, MediaProbe probe, IHttpClientFactory http,
    IOptions<JobOptions> jobs, IOptions<UploadOptions> uploads, TimeProvider clock)
{
    public const string ResultClient = "ghostcut-results";

    public async Task<string> ApplyAsync(Job job, GhostCutWork work, CancellationToken ct)
    {
        if (work.IsRunning)
        {
            var percent = 5 + (int)(Math.Clamp(work.ProcessProgress, 0, 100) * 0.9);
            await lifecycle.TransitionAsync(job.Id, null, null, j =>
            {
                j.PollCount++;
                var wait = Math.Min(jobs.Value.PollFirstSeconds * Math.Pow(2, j.PollCount), jobs.Value.PollMaxSeconds);
                j.NextPollAt = clock.GetUtcNow().AddSeconds(wait);
                if (percent > j.ProgressPercentage) j.ProgressPercentage = Math.Min(percent, 99);
                return true;
            }, ct);
            return $"running: {work.ProcessProgress:0}%";
        }

        if (work.IsFailed)
        {
            var failure = GhostCutFailures.Describe(work.ProcessStatus, work.ErrorDetail);
            await lifecycle.FailAsync(job.Id, $"ghostcut-{work.ProcessStatus}", failure.Message, ct);
            return $"failed: status {work.ProcessStatus}";
        }

        if (string.IsNullOrWhiteSpace(work.VideoUrl) || !Uri.TryCreate(work.VideoUrl, UriKind.Absolute, out var result))
        {
            await lifecycle.FailAsync(job.Id, "output-missing", "Processing finished without a result video. Your credits were released.", ct);
            return "failed: no result URL";
        }

        var outputKey = JobFiles.OutputKey(job);
        if (await CopyAsync(result, outputKey, ct) is { } unreadable)
        {
            await lifecycle.FailAsync(job.Id, "output-invalid", "The processed video could not be read. Your credits were released.", ct);
            return $"failed: result unreadable ({unreadable})";
        }

        return await lifecycle.TransitionAsync(job.Id, "completed", null, j =>
        {
            if (!lifecycle.TryComplete(j, outputKey)) return false;
            j.RemoteResultUrl = work.VideoUrl;
            return true;
        }, ct) is null ? "ignored: job already finished" : "completed";
    }

    /// <summary>A re-run of a completed work reported a new result: copy it over the output. Credits do not move.</summary>
    public async Task<string> ReplaceOutputAsync(Job job, GhostCutWork work, CancellationToken ct)
    {
        if (!Uri.TryCreate(work.VideoUrl, UriKind.Absolute, out var result)) return "ignored: re-run without a result URL";
        var staging = JobFiles.OutputKey(job) + ".rerun";
        if (await CopyAsync(result, staging, ct) is { } unreadable) return $"ignored: re-run result unreadable ({unreadable})";
        await using (var copy = await store.OpenReadAsync(staging, ct))
            await store.PutAsync(JobFiles.OutputKey(job), copy, "video/mp4", ct);
        await store.DeleteAsync(staging, ct);
        await lifecycle.TransitionAsync(job.Id, "result-replaced", "GhostCut re-ran the work; the new result replaced the old", j =>
        {
            j.RemoteResultUrl = work.VideoUrl;
            return true;
        }, ct);
        return "replaced: re-run result copied";
    }

    /// <summary>Streams the result into storage and checks it; answers why it is unreadable, or null when good.</summary>
    private async Task<string?> CopyAsync(Uri result, string outputKey, CancellationToken ct)
    {
        using (var response = await http.CreateClient(ResultClient).GetAsync(result, HttpCompletionOption.ResponseHeadersRead, ct))
        {
            response.EnsureSuccessStatusCode(); // transient: the queue retries the sync
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            await store.PutAsync(outputKey, new BoundedStream(body, uploads.Value.MaxBytes * 4), "video/mp4", ct);
        }

        try
        {
            // A MediaUnavailableException (storage failed, not the video) goes up: the queue retries the sync.
            await probe.ProbeAsync(store.GetToolInput(outputKey, TimeSpan.FromMinutes(15)), ct);
            return null;
        }
        catch (MediaRejectedException rejected)
        {
            await store.DeleteAsync(outputKey, CancellationToken.None);
            return rejected.Message;
        }
    }
}
