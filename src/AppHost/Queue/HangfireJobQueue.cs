using Hangfire;
using Vtis.ServiceInterface.Billing;
using Vtis.ServiceInterface.GhostCutJobs;
using Vtis.ServiceInterface.Jobs;
using Vtis.ServiceInterface.Jobs.Processing;
using Vtis.ServiceInterface.Webhooks;
using Vtis.ServiceModel.Jobs;

namespace Vtis.AppHost.Queue;

/// <summary>Puts messages on the Hangfire queues. A message carries only the id of the row it is about. Local engine
/// jobs (CPU-bound) go to <see cref="EngineQueue"/>, everything else (I/O-bound) to <see cref="DefaultQueue"/>; each
/// has its own workers (QueueSetup), and a retry stays on its message's queue.</summary>
public sealed class HangfireJobQueue(IBackgroundJobClient client) : IJobQueue, IBillingQueue, IWebhookQueue
{
    public const string EngineQueue = "engine";
    public const string DefaultQueue = "default";

    public void EnqueueProcessing(Guid jobId, ProcessorKind processor) =>
        client.Enqueue<JobRunner>(processor == ProcessorKind.Local ? EngineQueue : DefaultQueue, r => r.RunAsync(jobId, CancellationToken.None));

    public void EnqueueRemoteSync(Guid jobId, long? callbackId = null) =>
        client.Enqueue<RemoteJobSync>(s => s.SyncAsync(jobId, callbackId, CancellationToken.None));

    public void EnqueueStripeEvent(string eventId) =>
        client.Enqueue<StripeEventProcessor>(p => p.ProcessAsync(eventId, CancellationToken.None));

    public void EnqueueDelivery(Guid deliveryId) =>
        client.Enqueue<WebhookSender>(s => s.DeliverAsync(deliveryId, CancellationToken.None));

    public void ScheduleDelivery(Guid deliveryId, TimeSpan delay) =>
        client.Schedule<WebhookSender>(s => s.DeliverAsync(deliveryId, CancellationToken.None), delay);
}
