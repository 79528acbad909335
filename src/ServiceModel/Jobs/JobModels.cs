namespace Vtis.ServiceModel.Jobs;

/// <summary>Where a job is in its life.</summary>
public enum JobStatus
{
    /// <summary>Waiting for a worker.</summary>
    Queued = 1,

    /// <summary>Being processed.</summary>
    Processing = 2,

    /// <summary>Done; the result can be downloaded.</summary>
    Completed = 3,

    /// <summary>Could not be done; credits released.</summary>
    Failed = 4,

    /// <summary>Cancelled by the user; credits released.</summary>
    Cancelled = 5,
}

/// <summary>A job as the API shows it.</summary>
public sealed class JobInfo
{
    /// <summary>Job id.</summary>
    public Guid Id { get; set; }

    /// <summary>Name shown in the app.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>File name of the input.</summary>
    public string OriginalFilename { get; set; } = "";

    /// <summary>Status.</summary>
    public JobStatus Status { get; set; }

    /// <summary>0–100; never goes backwards.</summary>
    public int ProgressPercentage { get; set; }

    /// <summary>The processor that runs the job.</summary>
    public ProcessorKind Processor { get; set; }

    /// <summary>The settings the job was submitted with.</summary>
    public ProcessingConfig Config { get; set; } = new();

    /// <summary>Credits reserved at submit.</summary>
    public long EstimatedCredits { get; set; }

    /// <summary>Credits charged on success.</summary>
    public long? ActualCreditsUsed { get; set; }

    /// <summary>What went wrong, for failed jobs.</summary>
    public JobError? Error { get; set; }

    /// <summary>The input video.</summary>
    public MediaInfoSummary? Input { get; set; }

    /// <summary>True when the result can be downloaded.</summary>
    public bool OutputReady { get; set; }

    /// <summary>Created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Last change (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Processing started (UTC).</summary>
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>Reached a final state (UTC).</summary>
    public DateTimeOffset? CompletedAt { get; set; }
}

/// <summary>Why a job failed.</summary>
public sealed class JobError
{
    /// <summary>Stable code, e.g. <c>input-unreadable</c>, <c>processor-unavailable</c>, <c>timed-out</c>.</summary>
    public string Code { get; set; } = "";

    /// <summary>Explanation in plain words.</summary>
    public string Message { get; set; } = "";
}

/// <summary>The input of a job.</summary>
public sealed class MediaInfoSummary
{
    /// <summary>Duration in seconds.</summary>
    public double DurationSeconds { get; set; }

    /// <summary>Size in bytes.</summary>
    public long Size { get; set; }

    /// <summary>Width in pixels.</summary>
    public int Width { get; set; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; set; }
}

/// <summary>A credit estimate.</summary>
public sealed class JobEstimate
{
    /// <summary>Credits the job would reserve.</summary>
    public long Credits { get; set; }

    /// <summary>Credits the account has available now.</summary>
    public long Available { get; set; }

    /// <summary>True when the account can afford the job.</summary>
    public bool Sufficient { get; set; }

    /// <summary>How the estimate was made, in words.</summary>
    public string Basis { get; set; } = "";
}

/// <summary>One step in a job's life.</summary>
public sealed class JobEventInfo
{
    /// <summary>What happened: queued, processing, completed, failed, cancelled, requeued and the like.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Details in plain words, if any.</summary>
    public string? Message { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset At { get; set; }
}

/// <summary>Links to a job's videos.</summary>
public sealed class JobMedia
{
    /// <summary>The input video (null once it is gone).</summary>
    public string? InputUrl { get; set; }

    /// <summary>The cleaned video (null until completed).</summary>
    public string? OutputUrl { get; set; }

    /// <summary>When the links stop working (UTC).</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>A short-lived download link.</summary>
public sealed class DownloadLink
{
    /// <summary>Signed URL.</summary>
    public string Url { get; set; } = "";

    /// <summary>When it stops working (UTC).</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}
