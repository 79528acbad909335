using System.ComponentModel.DataAnnotations;

namespace Vtis.ServiceModel.Jobs;

/// <summary>How a video is to be cleaned.</summary>
public sealed class ProcessingConfig : IValidatableObject
{
    /// <summary>Which processor runs the job; <c>auto</c> picks the configured default.</summary>
    public ProcessorKind Processor { get; set; } = ProcessorKind.Auto;

    /// <summary>Regions to clean, relative to the frame (0..1). With automatic detection off, only these are cleaned.</summary>
    [MaxLength(20)]
    public List<CleanRegion> Regions { get; set; } = [];

    /// <summary>Find text automatically (inside the regions when some are given, else in the whole frame).</summary>
    public bool AutoDetect { get; set; } = true;

    /// <summary>With automatic detection, also remove watermarks and logos that stay put while the picture moves under
    /// them, even when they are not read as text (local engine; GhostCut decides by itself).</summary>
    public bool RemoveStaticOverlays { get; set; } = true;

    /// <summary>Language of the text: all, zh, en, ja, ko or ar.</summary>
    [RegularExpression("^(all|zh|en|ja|ko|ar)$", ErrorMessage = "Language must be one of all, zh, en, ja, ko, ar.")]
    public string Language { get; set; } = "all";

    /// <summary>Output quality.</summary>
    public OutputQuality Quality { get; set; } = OutputQuality.Standard;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!AutoDetect && Regions.Count == 0)
            yield return new ValidationResult("With automatic detection off, give at least one region.", [nameof(Regions)]);
    }
}

/// <summary>A rectangle to clean, as fractions of the frame, optionally only between two times.</summary>
public sealed class CleanRegion : IValidatableObject
{
    /// <summary>Left edge (0..1).</summary>
    [Range(0.0, 1.0)]
    public double X0 { get; set; }

    /// <summary>Top edge (0..1).</summary>
    [Range(0.0, 1.0)]
    public double Y0 { get; set; }

    /// <summary>Right edge (0..1), greater than x0.</summary>
    [Range(0.0, 1.0)]
    public double X1 { get; set; }

    /// <summary>Bottom edge (0..1), greater than y0.</summary>
    [Range(0.0, 1.0)]
    public double Y1 { get; set; }

    /// <summary>Start time in seconds; from the beginning when absent.</summary>
    [Range(0.0, 86400.0)]
    public double? Start { get; set; }

    /// <summary>End time in seconds; to the end when absent.</summary>
    [Range(0.0, 86400.0)]
    public double? End { get; set; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (X1 <= X0) yield return new ValidationResult("x1 must be greater than x0.", [nameof(X1)]);
        if (Y1 <= Y0) yield return new ValidationResult("y1 must be greater than y0.", [nameof(Y1)]);
        if (Start is { } s && End is { } e && e <= s) yield return new ValidationResult("end must be after start.", [nameof(End)]);
    }
}

/// <summary>Processor choice.</summary>
public enum ProcessorKind
{
    /// <summary>The configured default: GhostCut when its keys are set, else the local engine.</summary>
    Auto = 0,

    /// <summary>The built-in engine.</summary>
    Local = 1,

    /// <summary>The GhostCut (Zhaoli) API.</summary>
    GhostCut = 2,
}

/// <summary>Output quality.</summary>
public enum OutputQuality
{
    /// <summary>Good quality, smaller files.</summary>
    Standard = 0,

    /// <summary>Near-lossless to the eye, larger files.</summary>
    High = 1,
}
