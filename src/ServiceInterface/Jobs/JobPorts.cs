using Vtis.ServiceInterface.Data;

namespace Vtis.ServiceInterface.Jobs;

/// <summary>Hands a job to the queue (Hangfire on Redis in production, in-process on the embedded default).
/// Messages only point at the job row; enqueueing twice is harmless because the lifecycle guards every move.</summary>
public interface IJobQueue
{
    void EnqueueProcessing(Guid jobId);

    /// <summary>Brings a GhostCut job up to date: from a recorded callback when given, else by asking GhostCut.</summary>
    void EnqueueRemoteSync(Guid jobId, long? callbackId = null);
}

/// <summary>Tells live subscribers (SignalR) that a job changed. Called after the change is committed.</summary>
public interface IJobNotifier
{
    Task JobChangedAsync(Job job, CancellationToken ct);
}
