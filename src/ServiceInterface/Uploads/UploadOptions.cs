using System.ComponentModel.DataAnnotations;

namespace Vtis.ServiceInterface.Uploads;

/// <summary>Settings under <c>Uploads</c>: what a video may be.</summary>
public sealed class UploadOptions
{
    public const string Section = "Uploads";

    /// <summary>Largest upload in bytes (default 2 GiB); larger ones get 413 before the rest is read.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Longest video in seconds (default 60 minutes).</summary>
    [Range(1, 86_400)]
    public int MaxDurationSeconds { get; set; } = 3600;

    /// <summary>Largest frame: the longer side (default 3840, 4K UHD).</summary>
    [Range(16, 16_384)]
    public int MaxLongSide { get; set; } = 3840;

    /// <summary>Largest frame: the shorter side (default 2160).</summary>
    [Range(16, 16_384)]
    public int MaxShortSide { get; set; } = 2160;

    /// <summary>How long a presigned upload URL works.</summary>
    [Range(60, 86_400)]
    public int PresignSeconds { get; set; } = 3600;
}
