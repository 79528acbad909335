using Hangfire;
using Vtis.ServiceInterface.Jobs;
using Vtis.ServiceInterface.GhostCutJobs;
using Vtis.ServiceInterface.Jobs.Processing;

namespace Vtis.AppHost.Queue;

/// <summary>Puts job messages on the Hangfire queue. A message carries only the job id.</summary>
public sealed class HangfireJobQueue(IBackgroundJobClient client) : IJobQueue
{
    public void EnqueueProcessing(Guid jobId) => client.Enqueue<JobRunner>(r => r.RunAsync(jobId, CancellationToken.None));

    public void EnqueueRemoteSync(Guid jobId, long? callbackId = null) =>
        client.Enqueue<RemoteJobSync>(s => s.SyncAsync(jobId, callbackId, CancellationToken.None));
}
