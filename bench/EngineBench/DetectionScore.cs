using OpenCvSharp;
using Vtis.Engine;

namespace Vtis.EngineBench;

/// <summary>
/// How well the pixels the engine replaced (its reported pixel masks) cover the ground truth, summed over frames. A
/// line is found in a frame when 90 % of its pixels are replaced; so is a glyph, an 8-connected piece of the line's
/// mask (pieces under 12 px, dots and specks, are not counted). Mask area over text area says how much more than the
/// text gets replaced.
/// </summary>
internal sealed class DetectionScore
{
    public const double FoundCoverage = 0.9;

    public const int SmallestGlyph = 12;

    public long Lines { get; private set; }
    public long LinesFound { get; private set; }
    public long Glyphs { get; private set; }
    public long GlyphsFound { get; private set; }
    public long TextPixels { get; private set; }
    public long CoveredTextPixels { get; private set; }
    public long MaskPixels { get; private set; }
    public long Boxes { get; private set; }

    /// <summary>Frames with text and no mask at all; frames with a mask and no text, and the pixels masked in them.</summary>
    public long FramesMissed { get; private set; }
    public long FramesFalseAlarm { get; private set; }
    public long FalseAlarmPixels { get; private set; }

    public double LineRecall => Lines == 0 ? double.NaN : (double)LinesFound / Lines;

    public double GlyphRecall => Glyphs == 0 ? double.NaN : (double)GlyphsFound / Glyphs;

    public double PixelCoverage => TextPixels == 0 ? double.NaN : (double)CoveredTextPixels / TextPixels;

    public double AreaRatio => TextPixels == 0 ? double.NaN : (double)MaskPixels / TextPixels;

    public void AddLine(long pixels, long covered)
    {
        Lines++;
        if (covered >= FoundCoverage * pixels) LinesFound++;
        TextPixels += pixels;
        CoveredTextPixels += covered;
    }

    public void AddGlyph(long pixels, long covered)
    {
        Glyphs++;
        if (covered >= FoundCoverage * pixels) GlyphsFound++;
    }

    public void AddFrame(bool text, long maskPixels, int boxes)
    {
        MaskPixels += maskPixels;
        Boxes += boxes;
        if (text && maskPixels == 0) FramesMissed++;
        if (text || maskPixels == 0) return;
        FramesFalseAlarm++;
        FalseAlarmPixels += maskPixels;
    }

    public void Add(DetectionScore other)
    {
        Lines += other.Lines;
        LinesFound += other.LinesFound;
        Glyphs += other.Glyphs;
        GlyphsFound += other.GlyphsFound;
        TextPixels += other.TextPixels;
        CoveredTextPixels += other.CoveredTextPixels;
        MaskPixels += other.MaskPixels;
        Boxes += other.Boxes;
        FramesMissed += other.FramesMissed;
        FramesFalseAlarm += other.FramesFalseAlarm;
        FalseAlarmPixels += other.FalseAlarmPixels;
    }
}

/// <summary>Scores one frame's engine mask against its ground truth: rasterises the runs, then counts per line and
/// per glyph (connected components of each line's pixels, found with OpenCV over the line's box).</summary>
internal sealed class DetectionMeter(int width, int height) : IDisposable
{
    private readonly byte[] _engine = new byte[width * height];
    private readonly Mat _line = new();
    private readonly Mat _labels = new();
    private readonly Mat _stats = new();
    private readonly Mat _centroids = new();
    private long[] _glyphPixels = new long[64];
    private long[] _glyphCovered = new long[64];

    /// <summary>1 on the pixels the engine replaced in the last measured frame, 0 elsewhere.</summary>
    public ReadOnlySpan<byte> Replaced => _engine;

    public void Measure(TextMask truth, IReadOnlyList<MaskRun> runs, int boxes, DetectionScore into)
    {
        Array.Clear(_engine);
        long masked = 0;
        foreach (var run in runs)
        {
            var x0 = Math.Clamp(run.X, 0, width);
            var x1 = Math.Clamp(run.X + run.Length, 0, width);
            if (run.Y < 0 || run.Y >= height || x1 <= x0) continue;
            _engine.AsSpan(run.Y * width + x0, x1 - x0).Fill(1);
        }

        foreach (var b in _engine) masked += b;
        into.AddFrame(truth.TextPixels > 0, masked, boxes);
        foreach (var slot in truth.PresentSlots) MeasureLine(truth, slot, into);
    }

    public void Dispose()
    {
        _line.Dispose();
        _labels.Dispose();
        _stats.Dispose();
        _centroids.Dispose();
    }

    private void MeasureLine(TextMask truth, int slot, DetectionScore into)
    {
        var box = truth.BoxOf(slot);
        _line.Create(box.Height, box.Width, MatType.CV_8UC1);
        var line = _line.AsSpan<byte>();
        var slots = truth.Slots;
        for (var y = 0; y < box.Height; y++)
            for (var x = 0; x < box.Width; x++)
                line[y * box.Width + x] = slots[(box.Y + y) * width + box.X + x] == slot ? (byte)255 : (byte)0;
        var count = Cv2.ConnectedComponentsWithStats(_line, _labels, _stats, _centroids, PixelConnectivity.Connectivity8);
        if (_glyphPixels.Length < count)
        {
            _glyphPixels = new long[count];
            _glyphCovered = new long[count];
        }

        Array.Clear(_glyphPixels, 0, count);
        Array.Clear(_glyphCovered, 0, count);
        var labels = _labels.AsSpan<int>();
        for (var y = 0; y < box.Height; y++)
        {
            for (var x = 0; x < box.Width; x++)
            {
                var label = labels[y * box.Width + x];
                if (label == 0) continue;
                _glyphPixels[label]++;
                _glyphCovered[label] += _engine[(box.Y + y) * width + box.X + x];
            }
        }

        long pixels = 0, covered = 0;
        for (var label = 1; label < count; label++)
        {
            pixels += _glyphPixels[label];
            covered += _glyphCovered[label];
            if (_glyphPixels[label] >= DetectionScore.SmallestGlyph) into.AddGlyph(_glyphPixels[label], _glyphCovered[label]);
        }

        into.AddLine(pixels, covered);
    }
}
