using Hangfire;
using Vtis.ServiceInterface.Billing;
using Vtis.ServiceInterface.GhostCutJobs;
using Vtis.ServiceInterface.Jobs;
using Vtis.ServiceInterface.Jobs.Processing;
using Vtis.ServiceInterface.Webhooks;

namespace Vtis.AppHost.Queue;

/// <summary>Puts messages on the Hangfire queue. A message carries only the id of the row it is about.</summary>
public sealed class HangfireJobQueue(IBackgroundJobClient client) : IJobQueue, IBillingQueue, IWebhookQueue
{
    public void EnqueueProcessing(Guid jobId) => client.Enqueue<JobRunner>(r => r.RunAsync(jobId, CancellationToken.None));

    public void EnqueueRemoteSync(Guid jobId, long? callbackId = null) =>
        client.Enqueue<RemoteJobSync>(s => s.SyncAsync(jobId, callbackId, CancellationToken.None));

    public void EnqueueStripeEvent(string eventId) =>
        client.Enqueue<StripeEventProcessor>(p => p.ProcessAsync(eventId, CancellationToken.None));

    public void EnqueueDelivery(Guid deliveryId) =>
        client.Enqueue<WebhookSender>(s => s.DeliverAsync(deliveryId, CancellationToken.None));

    public void ScheduleDelivery(Guid deliveryId, TimeSpan delay) =>
        client.Schedule<WebhookSender>(s => s.DeliverAsync(deliveryId, CancellationToken.None), delay);
}
