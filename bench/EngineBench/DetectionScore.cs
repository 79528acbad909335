using Vtis.Engine;

namespace Vtis.EngineBench;

/// <summary>
/// How well the engine's boxes (what it reported cleaning, per frame) match the ground truth, summed over frames.
/// A ground-truth line is found when the boxes cover at least 90 % of its text pixels; a box is a true positive
/// when it touches any ground-truth text pixel. Pixel coverage tells masks that are found but too thin.
/// </summary>
internal sealed class DetectionScore
{
    public const double FoundCoverage = 0.9;

    public long Lines { get; private set; }

    public long LinesFound { get; private set; }

    public long Boxes { get; private set; }

    public long BoxesOnText { get; private set; }

    public long TextPixels { get; private set; }

    public long CoveredTextPixels { get; private set; }

    /// <summary>Pixels inside the boxes and inside the lines' own bounding boxes: how much more than the text gets filled.</summary>
    public long BoxArea { get; private set; }

    public long LineBoxArea { get; private set; }

    /// <summary>Frames with a line and no box at all, and frames with a box and no line.</summary>
    public long FramesMissed { get; private set; }

    public long FramesFalseAlarm { get; private set; }

    public double Recall => Lines == 0 ? double.NaN : (double)LinesFound / Lines;

    public double Precision => Boxes == 0 ? double.NaN : (double)BoxesOnText / Boxes;

    public double PixelCoverage => TextPixels == 0 ? double.NaN : (double)CoveredTextPixels / TextPixels;

    public bool HasFrames { get; private set; }

    public void Add(TextMask mask, IReadOnlyList<PixelBox> boxes)
    {
        HasFrames = true;
        var lines = 0;
        foreach (var slot in mask.PresentSlots)
        {
            var pixels = mask.PixelsOf(slot);
            var covered = mask.CoveredPixels(slot, boxes);
            lines++;
            if (covered >= FoundCoverage * pixels) LinesFound++;
            TextPixels += pixels;
            LineBoxArea += mask.BoxOf(slot).Width * (long)mask.BoxOf(slot).Height;
            CoveredTextPixels += covered;
        }

        Lines += lines;
        Boxes += boxes.Count;
        BoxArea += boxes.Sum(b => (long)b.Area);
        var onText = boxes.Count(mask.Touches);
        BoxesOnText += onText;
        if (lines > 0 && boxes.Count == 0) FramesMissed++;
        if (lines == 0 && boxes.Count > 0) FramesFalseAlarm++;
    }

    public void Add(DetectionScore other)
    {
        HasFrames |= other.HasFrames;
        Lines += other.Lines;
        LinesFound += other.LinesFound;
        Boxes += other.Boxes;
        BoxesOnText += other.BoxesOnText;
        TextPixels += other.TextPixels;
        CoveredTextPixels += other.CoveredTextPixels;
        BoxArea += other.BoxArea;
        LineBoxArea += other.LineBoxArea;
        FramesMissed += other.FramesMissed;
        FramesFalseAlarm += other.FramesFalseAlarm;
    }
}
