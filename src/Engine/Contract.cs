namespace Vtis.Engine;

/// <summary>A rectangle to clean, as fractions (0..1) of the upright frame, optionally only between two times.</summary>
public sealed record TextRegion(double X0, double Y0, double X1, double Y1, double? Start = null, double? End = null)
{
    /// <summary>Parses <c>x0,y0,x1,y1[@start-end]</c>, times in seconds (either side of the dash may be empty).</summary>
    public static TextRegion Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (rect, times) = text.IndexOf('@', StringComparison.Ordinal) is var at and >= 0
            ? (text[..at], text[(at + 1)..]) : (text, null);
        var parts = rect.Split(',');
        if (parts.Length != 4 || !parts.All(p => double.TryParse(p, System.Globalization.CultureInfo.InvariantCulture, out _)))
            throw new FormatException($"Region '{text}' is not x0,y0,x1,y1 with numbers between 0 and 1.");
        var v = parts.Select(p => double.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        if (v.Any(x => !(x >= 0 && x <= 1)) || v[2] <= v[0] || v[3] <= v[1])
            throw new FormatException($"Region '{text}' must have 0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1.");
        double? start = null, end = null;
        if (times is not null)
        {
            var dash = times.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0) throw new FormatException($"Region '{text}': the time range must be start-end, in seconds.");
            start = ParseTime(times[..dash], text);
            end = ParseTime(times[(dash + 1)..], text);
            if (start is { } s && end is { } e && e <= s) throw new FormatException($"Region '{text}': end must be after start.");
        }
        return new TextRegion(v[0], v[1], v[2], v[3], start, end);
    }

    /// <summary>Whether the region applies at <paramref name="seconds"/>.</summary>
    public bool ActiveAt(double seconds) => (Start is not { } s || seconds >= s) && (End is not { } e || seconds <= e);

    private static double? ParseTime(string value, string whole) =>
        value.Length == 0 ? null
        : double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var t) && double.IsFinite(t) && t >= 0 ? t
        : throw new FormatException($"Region '{whole}': '{value}' is not a time in seconds.");
}

/// <summary>Output quality: the x264 CRF the engine encodes with.</summary>
public enum EncodeQuality
{
    /// <summary>Good quality, smaller files.</summary>
    Standard = 0,

    /// <summary>Near-lossless to the eye.</summary>
    High = 1,
}

/// <summary>One video to clean.</summary>
public sealed class RemovalRequest
{
    public required string InputPath { get; init; }

    public required string OutputPath { get; init; }

    /// <summary>With <see cref="Detect"/> on, detection is kept only inside these; with it off, these are cleaned as given.</summary>
    public IReadOnlyList<TextRegion> Regions { get; init; } = [];

    /// <summary>Find text with the detection model.</summary>
    public bool Detect { get; init; } = true;

    /// <summary>With <see cref="Detect"/> on, also remove watermarks and logos that stay put while the picture moves
    /// under them, found by temporal analysis even when the detector does not read them as text.</summary>
    public bool StaticOverlays { get; init; } = true;

    public EncodeQuality Quality { get; init; } = EncodeQuality.Standard;

    /// <summary>Called once per frame, in order, with the boxes the engine cleaned there (for benchmarks and debugging).</summary>
    public Action<FrameMask>? OnFrameMask { get; init; }
}

/// <summary>An axis-aligned box in pixels of the upright frame.</summary>
public readonly record struct PixelBox(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;

    public int Bottom => Y + Height;

    public int Area => Width * Height;
}

/// <summary>A horizontal run of pixels of one row: <see cref="Length"/> pixels from (<see cref="X"/>, <see cref="Y"/>).</summary>
public readonly record struct MaskRun(int Y, int X, int Length);

/// <summary>What the engine cleaned in one frame: the bounding boxes of the cleaned areas and, pixel by pixel, the
/// pixels it replaced (<see cref="Runs"/>, row by row, left to right).</summary>
public sealed record FrameMask(int Index, double Time, IReadOnlyList<PixelBox> Boxes, IReadOnlyList<MaskRun> Runs)
{
    /// <summary>How many pixels the runs cover.</summary>
    public long PixelCount => Runs.Sum(r => (long)r.Length);

    /// <summary>Runs covering the boxes whole (for engines that clean rectangles).</summary>
    public static IReadOnlyList<MaskRun> RunsOf(IReadOnlyList<PixelBox> boxes)
    {
        var runs = new List<MaskRun>();
        if (boxes.Count == 0) return runs;
        var top = boxes.Min(b => b.Y);
        var bottom = boxes.Max(b => b.Bottom);
        var spans = new List<(int Start, int End)>();
        for (var y = top; y < bottom; y++)
        {
            spans.Clear();
            foreach (var b in boxes)
                if (y >= b.Y && y < b.Bottom && b.Width > 0) spans.Add((b.X, b.Right));
            spans.Sort();
            for (var i = 0; i < spans.Count;)
            {
                var (start, end) = spans[i++];
                while (i < spans.Count && spans[i].Start <= end) end = Math.Max(end, spans[i++].End);
                runs.Add(new MaskRun(y, start, end - start));
            }
        }
        return runs;
    }
}

/// <summary>Where a run is: frames written so far out of the expected total.</summary>
public readonly record struct RemovalProgress(int Frame, int TotalFrames)
{
    /// <summary>0..100.</summary>
    public int Percent => TotalFrames <= 0 ? 0 : Math.Clamp((int)(100L * Frame / TotalFrames), 0, 100);
}

/// <summary>What a run did.</summary>
public sealed record RemovalResult(int Frames, int Width, int Height, double DurationSeconds, int FramesWithText, TimeSpan Elapsed)
{
    public double FramesPerSecond => Elapsed.TotalSeconds <= 0 ? 0 : Frames / Elapsed.TotalSeconds;
}

/// <summary>How masked pixels are filled.</summary>
public enum InpaintMethod
{
    /// <summary>From neighbouring frames aligned for camera motion; spatial inpainting only where no frame shows the spot.</summary>
    Temporal = 0,

    /// <summary>OpenCV Telea inpainting of every frame on its own (the benchmark's baseline).</summary>
    PerFrameTelea = 1,
}

/// <summary>The input cannot be processed: not a video, corrupt, or unsupported. The message is for the user.</summary>
public sealed class EngineInputException(string message, Exception? inner = null) : Exception(message, inner);
