using System.ComponentModel.DataAnnotations;

namespace Vtis.ServiceInterface.Jobs;

/// <summary>Settings under <c>Pricing</c>.</summary>
public sealed class PricingOptions
{
    public const string Section = "Pricing";

    /// <summary>Credits per started minute of input.</summary>
    [Range(1, 10_000)]
    public int CreditsPerMinute { get; set; } = 1;

    /// <summary>Multiplier for inputs larger than 1080p (either side above 1920x1080).</summary>
    [Range(1.0, 100.0)]
    public double AboveFullHdMultiplier { get; set; } = 2.0;
}

/// <summary>Settings under <c>Jobs</c>.</summary>
public sealed class JobOptions
{
    public const string Section = "Jobs";

    /// <summary>Queue attempts for transient errors before a job fails.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>A job queued this long without a worker taking it is enqueued again (lost message, crashed worker).</summary>
    [Range(5, 86_400)]
    public int StuckQueuedSeconds { get; set; } = 300;

    /// <summary>A local job processing this long without progress is taken back and retried (crashed worker).</summary>
    [Range(30, 86_400)]
    public int StuckProcessingSeconds { get; set; } = 1800;

    /// <summary>Jobs older than this are failed and their credits released, whatever their state.</summary>
    [Range(60, 7 * 86_400)]
    public int MaxAgeSeconds { get; set; } = 24 * 3600;

    /// <summary>Engine jobs a worker runs at once (CPU-bound: default one per core).</summary>
    [Range(1, 256)]
    public int WorkerConcurrency { get; set; } = Environment.ProcessorCount;

    /// <summary>Other queue messages a worker handles at once: GhostCut submissions and syncs, Stripe events, webhook
    /// deliveries. They wait on the network, not the CPU, and have workers of their own so engine jobs never hold
    /// them up.</summary>
    [Range(1, 512)]
    public int IoWorkerCount { get; set; } = 20;

    /// <summary>First GhostCut status poll after submit, in case no callback comes; doubles up to the maximum.</summary>
    [Range(1, 3600)]
    public int PollFirstSeconds { get; set; } = 30;

    [Range(1, 86_400)]
    public int PollMaxSeconds { get; set; } = 300;

    /// <summary>A stored GhostCut callback not processed this long after it arrived (or after it was last queued again)
    /// is queued again by the sweep: its first message was lost (a replica stopped, Redis restarted).</summary>
    [Range(1, 3600)]
    public int CallbackRequeueSeconds { get; set; } = 30;

    /// <summary>How often the reconciler and the GhostCut poller run.</summary>
    [Range(1, 3600)]
    public int SweepIntervalSeconds { get; set; } = 15;
}
