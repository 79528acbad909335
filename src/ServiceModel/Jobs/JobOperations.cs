using System.ComponentModel.DataAnnotations;

namespace Vtis.ServiceModel.Jobs;

/// <summary>Credits a job would cost, and whether the account has them.</summary>
[Route("/api/v1/jobs/estimate", "POST"), Tag("Jobs")]
public sealed class EstimateJob : IReturn<JobEstimate>
{
    /// <summary>A ready upload.</summary>
    public Guid UploadId { get; set; }

    /// <summary>Processing settings (some cost more).</summary>
    public ProcessingConfig Config { get; set; } = new();
}

/// <summary>Submits a job for an upload or a public http(s) URL and reserves its estimated credits. Send an
/// <c>Idempotency-Key</c> header to make retries safe: the same key answers the same job.</summary>
[Route("/api/v1/jobs/submit", "POST", Status = 201), Tag("Jobs")]
public sealed class SubmitJob : IReturn<JobInfo>, IValidatableObject
{
    /// <summary>A ready upload (or give <c>sourceUrl</c>).</summary>
    public Guid? UploadId { get; set; }

    /// <summary>A public http(s) URL of the video (or give <c>uploadId</c>).</summary>
    [Url, StringLength(2000)]
    public string? SourceUrl { get; set; }

    /// <summary>Name shown in the app; defaults to the file name.</summary>
    [StringLength(200)]
    public string? DisplayName { get; set; }

    /// <summary>Processing settings.</summary>
    public ProcessingConfig Config { get; set; } = new();

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if ((UploadId is null) == string.IsNullOrWhiteSpace(SourceUrl))
            yield return new ValidationResult("Give exactly one of uploadId and sourceUrl.", [nameof(UploadId)]);
    }
}

/// <summary>Uploads a video and submits a job for it in one call: multipart with the video in <c>file</c> and the
/// optional <c>config</c> (JSON) and <c>displayName</c> fields.</summary>
[Route("/api/v1/upload-and-process", "POST", Status = 201), FileUpload("file"), Tag("Jobs")]
public sealed class UploadAndProcess : IReturn<JobInfo>
{
    /// <summary>Name shown in the app.</summary>
    [StringLength(200)]
    public string? DisplayName { get; set; }

    /// <summary>Processing settings.</summary>
    public ProcessingConfig Config { get; set; } = new();
}

/// <summary>The account's jobs, newest first, filtered by status and by text in the name.</summary>
[Route("/api/v1/jobs", "GET"), Tag("Jobs")]
public sealed class ListJobs : PagedRequest, IReturn<PagedResult<JobInfo>>
{
    /// <summary>Only jobs in this status.</summary>
    public JobStatus? Status { get; set; }

    /// <summary>Only jobs whose display name or file name contains this text.</summary>
    [StringLength(100)]
    public string? Search { get; set; }
}

/// <summary>One job.</summary>
[Route("/api/v1/jobs/{id}", "GET"), Tag("Jobs")]
public sealed class GetJob : IReturn<JobInfo>
{
    /// <summary>Job id.</summary>
    public Guid Id { get; set; }
}

/// <summary>Cancels a queued or processing job and releases its reserved credits.</summary>
[Route("/api/v1/jobs/{id}/cancel", "POST"), Tag("Jobs")]
public sealed class CancelJob : IReturn<JobInfo>
{
    /// <summary>Job id.</summary>
    public Guid Id { get; set; }
}

/// <summary>Deletes a finished job and its files; its ledger entries stay. A running job must be cancelled first.</summary>
[Route("/api/v1/jobs/{id}", "DELETE"), Tag("Jobs")]
public sealed class DeleteJob : IReturnVoid
{
    /// <summary>Job id.</summary>
    public Guid Id { get; set; }
}

/// <summary>Short-lived links (15 minutes) to play the job's input and, once completed, its result side by side.</summary>
[Route("/api/v1/jobs/{id}/media", "GET"), Tag("Jobs")]
public sealed class GetJobMedia : IReturn<JobMedia>
{
    /// <summary>Job id.</summary>
    public Guid Id { get; set; }
}

/// <summary>The job's timeline: every step of its life (queued, processing, progress steps, its end), oldest first.</summary>
[Route("/api/v1/jobs/{id}/events", "GET"), Tag("Jobs")]
public sealed class GetJobEvents : IReturn<List<JobEventInfo>>
{
    /// <summary>Job id.</summary>
    public Guid Id { get; set; }
}

/// <summary>Redirects (302) to a short-lived signed URL of the cleaned video; the body carries the same link. With
/// <c>redirect=false</c> it answers 200 with the link only (for scripts and browser apps that fetch it).</summary>
[Route("/api/v1/jobs/{id}/download", "GET", Status = 302), Tag("Jobs")]
public sealed class DownloadJob : IReturn<DownloadLink>, IOptionalRedirect
{
    /// <summary>Job id.</summary>
    public Guid Id { get; set; }

    /// <summary>False: answer 200 with the link instead of redirecting to it.</summary>
    public bool? Redirect { get; set; }
}
