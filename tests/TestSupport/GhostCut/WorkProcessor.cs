using Vtis.GhostCut;

namespace Vtis.TestSupport;

/// <summary>
/// Moves each work through queued, processing and a final state, producing the real result video, then calls back.
/// Every step is bounded and observes the simulator's stop token; <see cref="DrainAsync"/> awaits them all.
/// </summary>
internal sealed class WorkProcessor(
    GhostCutSimulatorOptions options, InputDownloader downloader, VideoRenderer renderer, CallbackSender callbacks,
    string workDirectory, ILogger logger, CancellationToken stopping)
{
    private readonly Lock _gate = new();
    private readonly List<Task> _running = [];

    public string ResultPath(long workId) => Path.Combine(workDirectory, $"{workId}.mp4");

    public void Start(SimulatedWork work)
    {
        lock (_gate)
        {
            _running.RemoveAll(task => task.IsCompleted);
            _running.Add(Task.Run(() => RunAsync(work), CancellationToken.None));
        }
    }

    public Task DrainAsync()
    {
        lock (_gate)
        {
            return Task.WhenAll(_running);
        }
    }

    private async Task RunAsync(SimulatedWork work)
    {
        try
        {
            await Task.Delay(options.QueuedFor, stopping);
            work.StartProcessing(DateTimeOffset.UtcNow);
            var minimum = Task.Delay(options.ProcessingFor, stopping);
            var outcome = await ProduceAsync(work);
            await minimum;
            work.Finish(outcome);
            await callbacks.DeliverAsync(work, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The simulator is stopping: the work simply never finishes, like one abandoned on GhostCut.
        }
    }

    private async Task<WorkOutcome> ProduceAsync(SimulatedWork work)
    {
        if (work.Scenario.FailWithStatus is { } status)
        {
            return WorkOutcome.Failed(status, work.Scenario.ErrorDetail);
        }

        var input = Path.Combine(workDirectory, $"{work.Id}.input");
        try
        {
            return await downloader.DownloadAsync(work.Url, input, stopping)
                ?? await renderer.RenderAsync(input, ResultPath(work.Id), work.Masks, stopping);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // E.g. ffmpeg missing: the work fails visibly (and is called back) instead of hanging in "processing".
            logger.LogError(e, "Simulated work {WorkId} could not be rendered", work.Id);
            return WorkOutcome.Failed(GhostCutFailures.ErasingFailed, e.Message);
        }
        finally
        {
            File.Delete(input);
        }
    }
}
