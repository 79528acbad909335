using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vtis.ServiceInterface.Common;

namespace Vtis.ServiceInterface.Jobs.Processing;

/// <summary>
/// What a queue worker does with a job message: start the job, run its processor, and record the outcome.
/// Transient errors are rethrown so the queue retries with backoff; after <see cref="JobOptions.MaxAttempts"/>
/// starts the job fails and its credits are released. Safe to run twice for one job: the lifecycle guards it.
/// </summary>
public sealed class JobRunner(IServiceScopeFactory scopes, IOptions<JobOptions> options, ILogger<JobRunner> logger)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    public async Task RunAsync(Guid jobId, CancellationToken ct)
    {
        // Every log line written while the job runs (engine, GhostCut client, lifecycle) carries its id.
        using var logScope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = jobId });
        await using var scope = scopes.CreateSystemScope();
        var lifecycle = scope.ServiceProvider.GetRequiredService<JobLifecycle>();
        var job = await lifecycle.StartAsync(jobId, ct);
        if (job is null) return; // deleted, cancelled or finished meanwhile
        if (job.RemoteTaskId is not null) return; // already with GhostCut: its callback or the poller finishes it

        var processor = scope.ServiceProvider.GetRequiredService<ProcessorCatalog>();
        try
        {
            var progress = new ThrottledProgress(percent => _ = ReportAsync(jobId, percent), ProgressInterval);
            var outcome = await processor.For(job.Processor).RunAsync(job, progress, ct);
            if (outcome is ProcessorOutcome.Completed done) await lifecycle.CompleteAsync(jobId, done.OutputKey, ct);
        }
        catch (JobFailedException failed)
        {
            logger.LogInformation("Job {JobId} failed: {Code}", jobId, failed.Code);
            await lifecycle.FailAsync(jobId, failed.Code, failed.Message, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException && job.Attempts >= options.Value.MaxAttempts)
        {
            logger.LogWarning(e, "Job {JobId} failed after {Attempts} attempts", jobId, job.Attempts);
            await lifecycle.FailAsync(jobId, "processing-error",
                "Processing failed repeatedly. Your credits were released; please try again later.", CancellationToken.None);
        }
    }

    private async Task ReportAsync(Guid jobId, int percent)
    {
        try
        {
            await using var scope = scopes.CreateSystemScope();
            await scope.ServiceProvider.GetRequiredService<JobLifecycle>().ProgressAsync(jobId, percent, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "Progress of job {JobId} not recorded", jobId);
        }
    }

    /// <summary>Passes on at most one report per interval (and always the first).</summary>
    private sealed class ThrottledProgress(Action<int> report, TimeSpan interval) : IProgress<int>
    {
        private long _last = long.MinValue;

        public void Report(int value)
        {
            var now = Environment.TickCount64;
            var last = Interlocked.Read(ref _last);
            // (now - long.MinValue would overflow to a negative gap and swallow every report.)
            if (last != long.MinValue && now - last < interval.TotalMilliseconds) return;
            Interlocked.Exchange(ref _last, now);
            report(value);
        }
    }
}
