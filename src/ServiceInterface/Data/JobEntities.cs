using Vtis.ServiceModel.Jobs;
using Vtis.ServiceModel.Uploads;

namespace Vtis.ServiceInterface.Data;

/// <summary>A stored input video. Usable for jobs only once ffprobe accepted it (<see cref="UploadStatus.Ready"/>).</summary>
public sealed class Upload : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid AccountId { get; set; }
    public Guid UserId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public string StorageKey { get; set; } = "";
    public long Size { get; set; }
    public UploadStatus Status { get; set; }
    public string? RejectionReason { get; set; }
    public MediaFacts? Media { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

/// <summary>What ffprobe found in a video; stored with uploads and jobs.</summary>
public sealed class MediaFacts
{
    public string Container { get; set; } = "";
    public double DurationSeconds { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public double FrameRate { get; set; }
    public string VideoCodec { get; set; } = "";
    public bool HasAudio { get; set; }

    public MediaFacts Copy() => (MediaFacts)MemberwiseClone();
}

/// <summary>The job row is the source of truth for a job; queue messages only point at it.</summary>
public sealed class Job : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid AccountId { get; set; }
    public Guid UserId { get; set; }
    public Guid? UploadId { get; set; }
    public string? SourceUrl { get; set; }
    public string OriginalFilename { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public JobStatus Status { get; set; }
    public int ProgressPercentage { get; set; }
    public ProcessorKind Processor { get; set; }

    /// <summary>The submitted <see cref="ProcessingConfig"/> as JSON (jsonb on PostgreSQL).</summary>
    public string ProcessingConfig { get; set; } = "{}";

    public long EstimatedCredits { get; set; }
    public long? ActualCreditsUsed { get; set; }
    public string? InputKey { get; set; }
    public string? OutputKey { get; set; }
    public long InputSize { get; set; }
    public MediaFacts? InputMedia { get; set; }
    public string? ErrorCode { get; set; }
    public string? ErrorMessage { get; set; }

    /// <summary>GhostCut work id while and after the work runs there.</summary>
    public string? RemoteTaskId { get; set; }

    /// <summary>Unguessable per-job secret in the GhostCut callback URL (a second guard besides the signature).</summary>
    public string? CallbackToken { get; set; }

    /// <summary>When the poller should next ask GhostCut about this job.</summary>
    public DateTimeOffset? NextPollAt { get; set; }

    /// <summary>The GhostCut result URL the output was copied from; a re-run that reports another one is copied again.</summary>
    public string? RemoteResultUrl { get; set; }

    public int PollCount { get; set; }
    public int Attempts { get; set; }
    public string? IdempotencyKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Optimistic concurrency token: every change increments it, so two writers cannot both move a job.</summary>
    public int Version { get; set; }
}

/// <summary>One step in a job's life, for its timeline.</summary>
public sealed class JobEvent : ITenantOwned
{
    public long Id { get; set; }
    public Guid AccountId { get; set; }
    public Guid JobId { get; set; }
    public string Kind { get; set; } = "";
    public string? Message { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A GhostCut callback exactly as it arrived (the inbox), recorded before it is acted on. A row with no
/// <see cref="ProcessedAt"/> is also its own outbox entry: the sweep queues it again until it is processed.</summary>
public sealed class GhostCutCallback
{
    public long Id { get; set; }
    public string Token { get; set; } = "";
    public Guid? JobId { get; set; }
    public string? WorkId { get; set; }
    public string Body { get; set; } = "";
    public bool SignatureValid { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>When the sweep last queued it again (null: only the receiving replica queued it).</summary>
    public DateTimeOffset? RequeuedAt { get; set; }

    public DateTimeOffset? ProcessedAt { get; set; }
    public string? Outcome { get; set; }
}
