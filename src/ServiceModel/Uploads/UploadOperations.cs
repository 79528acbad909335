using System.ComponentModel.DataAnnotations;

namespace Vtis.ServiceModel.Uploads;

/// <summary>Uploads a video (multipart field <c>file</c>), streamed to storage and validated with ffprobe before it
/// can be used: MP4, MOV or AVI by content, with a video stream, within the size, duration and resolution limits.</summary>
[Route("/api/v1/uploads", "POST", Status = 201), FileUpload("file"), Tag("Uploads")]
public sealed class UploadVideo : IReturn<UploadInfo>;

/// <summary>Starts a direct upload: answers a short-lived URL to PUT the file to (straight to storage), then call
/// <c>POST /api/v1/uploads/{id}/complete</c>.</summary>
[Route("/api/v1/uploads/presign", "POST", Status = 201), Tag("Uploads")]
public sealed class PresignUpload : IReturn<PresignedUpload>
{
    /// <summary>Original file name (shown in the app).</summary>
    [Required, StringLength(255, MinimumLength = 1)]
    public string FileName { get; set; } = "";

    /// <summary>Size in bytes, checked against the upload limit before any byte is sent.</summary>
    [Range(1, long.MaxValue)]
    public long Size { get; set; }

    /// <summary>Content type the PUT will send (e.g. video/mp4).</summary>
    [Required, StringLength(100)]
    public string ContentType { get; set; } = "video/mp4";
}

/// <summary>Finishes a direct upload: checks the stored file with ffprobe and makes it usable for jobs.</summary>
[Route("/api/v1/uploads/{id}/complete", "POST"), Tag("Uploads")]
public sealed class CompleteUpload : IReturn<UploadInfo>
{
    /// <summary>Upload id from the presign answer.</summary>
    public Guid Id { get; set; }
}

/// <summary>What an upload may be, for clients to check before sending.</summary>
[Route("/api/v1/uploads/limits", "GET"), Anonymous, Tag("Uploads")]
public sealed class GetUploadLimits : IReturn<UploadLimits>;

/// <summary>Upload limits.</summary>
public sealed class UploadLimits
{
    /// <summary>Largest file in bytes.</summary>
    public long MaxBytes { get; set; }

    /// <summary>Longest video in seconds.</summary>
    public int MaxDurationSeconds { get; set; }

    /// <summary>Largest frame, longer side.</summary>
    public int MaxLongSide { get; set; }

    /// <summary>Largest frame, shorter side.</summary>
    public int MaxShortSide { get; set; }

    /// <summary>Accepted containers' file extensions.</summary>
    public IReadOnlyList<string> Extensions { get; set; } = [".mp4", ".mov", ".avi"];
}

/// <summary>A link (15 minutes) to a still of the video, for drawing the regions to clean on.</summary>
[Route("/api/v1/uploads/{id}/preview", "GET"), Tag("Uploads")]
public sealed class GetUploadPreview : IReturn<Jobs.DownloadLink>
{
    /// <summary>Upload id.</summary>
    public Guid Id { get; set; }
}

/// <summary>An upload and what ffprobe found in it.</summary>
[Route("/api/v1/uploads/{id}", "GET"), Tag("Uploads")]
public sealed class GetUpload : IReturn<UploadInfo>
{
    /// <summary>Upload id.</summary>
    public Guid Id { get; set; }
}

/// <summary>Where and how to PUT a direct upload.</summary>
public sealed class PresignedUpload
{
    /// <summary>Upload id, for the complete call.</summary>
    public Guid UploadId { get; set; }

    /// <summary>URL to PUT the file's bytes to.</summary>
    public string Url { get; set; } = "";

    /// <summary>Always PUT.</summary>
    public string Method { get; set; } = "PUT";

    /// <summary>Headers the PUT must carry.</summary>
    public Dictionary<string, string> Headers { get; set; } = [];

    /// <summary>When the URL stops working (UTC).</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>An uploaded video.</summary>
public sealed class UploadInfo
{
    /// <summary>Upload id.</summary>
    public Guid Id { get; set; }

    /// <summary>Original file name.</summary>
    public string FileName { get; set; } = "";

    /// <summary><c>pending</c> (direct upload not completed), <c>ready</c>, or <c>rejected</c>.</summary>
    public UploadStatus Status { get; set; }

    /// <summary>Size in bytes.</summary>
    public long Size { get; set; }

    /// <summary>What ffprobe found (ready uploads).</summary>
    public MediaInfo? Media { get; set; }

    /// <summary>When the upload started (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>State of an upload.</summary>
public enum UploadStatus
{
    /// <summary>Waiting for a direct upload to be completed.</summary>
    Pending = 1,

    /// <summary>Validated; jobs can use it.</summary>
    Ready = 2,

    /// <summary>Failed validation; the stored bytes were deleted.</summary>
    Rejected = 3,
}

/// <summary>Properties of a video as ffprobe reads them.</summary>
public sealed class MediaInfo
{
    /// <summary>Container: mp4, mov or avi.</summary>
    public string Container { get; set; } = "";

    /// <summary>Duration in seconds.</summary>
    public double DurationSeconds { get; set; }

    /// <summary>Frame width in pixels (after rotation).</summary>
    public int Width { get; set; }

    /// <summary>Frame height in pixels (after rotation).</summary>
    public int Height { get; set; }

    /// <summary>Frames per second.</summary>
    public double FrameRate { get; set; }

    /// <summary>Video codec name (e.g. h264).</summary>
    public string VideoCodec { get; set; } = "";

    /// <summary>True when the file has an audio stream.</summary>
    public bool HasAudio { get; set; }
}
