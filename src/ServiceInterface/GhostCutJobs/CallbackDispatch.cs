using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vtis.ServiceInterface.Jobs;

namespace Vtis.ServiceInterface.GhostCutJobs;

/// <summary>
/// Queues stored GhostCut callbacks off the request thread. The queue's client is synchronous (Hangfire on Redis makes
/// its round trips on the calling thread), and a burst of callbacks each blocking a request thread on it starved the
/// thread pool of these 2-core hosts into 500s (bench/Bench, callback phase). Here one loop makes those calls in turn.
/// Nothing is lost when this process stops or Redis is away: the callback row is its own outbox entry, and the
/// reconciler's sweep queues again every row still unprocessed after <see cref="JobOptions.CallbackRequeueSeconds"/>.
/// </summary>
public sealed class CallbackDispatch(IJobQueue queue, ILogger<CallbackDispatch> logger) : BackgroundService
{
    private const int Capacity = 10_000;

    private readonly Channel<(Guid JobId, long CallbackId)> pending = Channel.CreateBounded<(Guid, long)>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Hands a stored callback to the queue soon; never blocks. When the buffer is full, the sweep queues it.</summary>
    public void Post(Guid jobId, long callbackId)
    {
        if (!pending.Writer.TryWrite((jobId, callbackId)))
            logger.LogWarning("GhostCut callback {CallbackId} stored; the dispatch buffer is full, the sweep will queue it", callbackId);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var item in pending.Reader.ReadAllAsync(stoppingToken)) Enqueue(item);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: hand on what is already buffered (the host's grace period bounds this); the sweep covers the rest.
            while (pending.Reader.TryRead(out var item)) Enqueue(item);
        }
    }

    private void Enqueue((Guid JobId, long CallbackId) item)
    {
        try
        {
            queue.EnqueueRemoteSync(item.JobId, item.CallbackId);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "GhostCut callback {CallbackId} of job {JobId} stored but not queued; the sweep will queue it", item.CallbackId, item.JobId);
        }
    }
}
