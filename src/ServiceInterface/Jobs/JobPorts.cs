using Vtis.ServiceInterface.Data;
using Vtis.ServiceModel.Jobs;

namespace Vtis.ServiceInterface.Jobs;

/// <summary>Hands a job to the queue (Hangfire on Redis in production, in-process on the embedded default).
/// Messages only point at the job row; enqueueing twice is harmless because the lifecycle guards every move.</summary>
public interface IJobQueue
{
    /// <summary>Starts a job. The local engine's jobs go to a queue of their own, served by as many workers as there
    /// are cores, so that they never hold up the I/O-bound messages (GhostCut, Stripe, webhooks) behind them.</summary>
    void EnqueueProcessing(Guid jobId, ProcessorKind processor);

    /// <summary>Brings a GhostCut job up to date: from a recorded callback when given, else by asking GhostCut.</summary>
    void EnqueueRemoteSync(Guid jobId, long? callbackId = null);
}

/// <summary>Tells live subscribers (SignalR) that a job changed. Called after the change is committed.</summary>
public interface IJobNotifier
{
    Task JobChangedAsync(Job job, CancellationToken ct);
}
