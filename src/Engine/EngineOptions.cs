namespace Vtis.Engine;

/// <summary>Engine settings, bound from the <c>Engine</c> configuration section.</summary>
public sealed class EngineOptions
{
    public const string Section = "Engine";

    /// <summary>Folder holding <c>ch_PP-OCRv4_det_infer.onnx</c>; by default the <c>models</c> folder beside the binary.</summary>
    public string? ModelDirectory { get; set; }

    /// <summary>Threads the text detector may use; 0 means all cores. The rest of the engine runs as a pipeline of
    /// stages on their own threads (ffmpeg decoding and encoding, detection, cleaning).</summary>
    public int Threads { get; set; }

    /// <summary>Run the detector on every k-th frame and track boxes between.</summary>
    public int DetectEvery { get; set; } = 8;

    /// <summary>Longest side of the frame the detector sees (rounded to a multiple of 32).</summary>
    public int DetectMaxSide { get; set; } = 640;

    /// <summary>Probability above which a pixel of the detector's map counts as text.</summary>
    public float DetectThreshold { get; set; } = 0.3f;

    /// <summary>Mean probability a text box needs to be kept.</summary>
    public float BoxThreshold { get; set; } = 0.6f;

    /// <summary>How far each detected box is grown (PaddleOCR's unclip ratio).</summary>
    public double UnclipRatio { get; set; } = 1.8;

    /// <summary>Frames ahead whose background may fill a frame's text (the engine holds them in memory).</summary>
    public int FillAhead { get; set; } = 40;

    /// <summary>Frames behind a frame that may fill its text directly; older background comes from the mosaic.</summary>
    public int FillBehind { get; set; } = 12;

    public InpaintMethod Inpaint { get; set; } = InpaintMethod.Temporal;

    /// <summary>x264 preset.</summary>
    public string Preset { get; set; } = "veryfast";

    public int CrfStandard { get; set; } = 20;

    public int CrfHigh { get; set; } = 16;

    public string FfmpegPath { get; set; } = "ffmpeg";

    public string FfprobePath { get; set; } = "ffprobe";

    internal int EffectiveThreads => Threads > 0 ? Threads : Environment.ProcessorCount;
}
