using Microsoft.Extensions.Logging;
using Vtis.Engine;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceInterface.Jobs;
using Vtis.ServiceInterface.Jobs.Processing;
using Vtis.ServiceInterface.Storage;
using Vtis.ServiceModel.Jobs;

namespace Vtis.ServiceInterface.LocalJobs;

/// <summary>Runs a job on this machine with the built-in engine: the input is read from storage into a scratch
/// folder (the local store is read in place), cleaned, and the result stored as the job's output.</summary>
public sealed class LocalEngineProcessor(TextRemovalEngine engine, IBlobStore store, ILogger<LocalEngineProcessor> logger) : IJobProcessor
{
    public ProcessorKind Kind => ProcessorKind.Local;

    public async Task<ProcessorOutcome> RunAsync(Job job, IProgress<int> progress, CancellationToken ct)
    {
        if (job.InputKey is not { } inputKey) throw new JobFailedException("input-missing", "The job has no input video.");
        var scratch = Directory.CreateTempSubdirectory("vtis-job-");
        try
        {
            var input = store.TryGetLocalPath(inputKey) ?? await DownloadAsync(inputKey, scratch.FullName, ct);
            var output = Path.Combine(scratch.FullName, "output.mp4");
            var config = JobViews.Config(job);
            var request = new RemovalRequest
            {
                InputPath = input,
                OutputPath = output,
                Detect = config.AutoDetect,
                StaticOverlays = config.RemoveStaticOverlays,
                Regions = config.Regions.Select(r => new TextRegion(r.X0, r.Y0, r.X1, r.Y1, r.Start, r.End)).ToList(),
                Quality = config.Quality == OutputQuality.High ? EncodeQuality.High : EncodeQuality.Standard,
            };

            RemovalResult result;
            try
            {
                result = await engine.RunAsync(request, new EngineProgress(progress), ct);
            }
            catch (EngineInputException unreadable)
            {
                throw new JobFailedException("input-unreadable", unreadable.Message);
            }
            logger.LogInformation("Job {JobId}: {Frames} frames ({WithText} with text) at {Fps:0.0} fps",
                job.Id, result.Frames, result.FramesWithText, result.FramesPerSecond);

            var outputKey = JobFiles.OutputKey(job);
            await using (var file = File.OpenRead(output))
                await store.PutAsync(outputKey, file, "video/mp4", ct);
            return new ProcessorOutcome.Completed(outputKey);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private async Task<string> DownloadAsync(string key, string folder, CancellationToken ct)
    {
        var path = Path.Combine(folder, "input");
        await using var source = await store.OpenReadAsync(key, ct);
        await using var file = File.Create(path);
        await source.CopyToAsync(file, ct);
        return path;
    }

    /// <summary>Engine progress (0–100) as job progress: 5 % for fetching, the rest for the engine, 99 at most
    /// until the output is stored.</summary>
    private sealed class EngineProgress(IProgress<int> job) : IProgress<RemovalProgress>
    {
        public void Report(RemovalProgress value) => job.Report(Math.Min(99, 5 + value.Percent * 94 / 100));
    }
}
