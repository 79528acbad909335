using OpenCvSharp;

namespace Vtis.Engine.Detection;

/// <summary>Frames in the engine's window, as the planner needs them to time text between two detections.</summary>
internal interface IFrameLookup
{
    /// <summary>The frame's brightness (the frame must still be in the window).</summary>
    Mat Grey(int frame);

    /// <summary>Text boxes the detector finds inside <paramref name="area"/> of the frame.</summary>
    IReadOnlyList<PixelBox> DetectIn(int frame, PixelBox area);
}

/// <summary>Decides which boxes each frame cleans, from detections on every k-th frame and the user's regions.
/// A box seen before and after a detection that missed it is kept there, so persistent text never flickers.
/// Between two detections, text that stays the same keeps the boxes of both; where it changes (a line appears,
/// ends or is replaced) each frame in between is searched on its own, in a crop around the text, so the frames
/// where a line has gone are left untouched: their background is the best there is for the frames around them.</summary>
internal sealed class MaskPlanner(int width, int height, IReadOnlyList<TextRegion> regions, bool detect, IFrameLookup? frames = null)
{
    /// <summary>Share of the edges kept between neighbouring frames that must still be there across the whole
    /// interval for its text to count as unchanged.</summary>
    private const double SameShare = 0.8;

    private readonly List<(int Frame, IReadOnlyList<PixelBox> Boxes)> _detections = [];
    private readonly Dictionary<int, List<PixelBox>> _between = []; // frame -> boxes, for frames between detections
    private bool _final;

    /// <summary>Whether the frame needs a detection (the engine also detects on the last frame).</summary>
    public bool IsDetectionFrame(int frame, int every) => detect && frame % every == 0;

    /// <summary>Detections must be added in frame order.</summary>
    public void AddDetection(int frame, IReadOnlyList<PixelBox> boxes)
    {
        if (_detections.Count > 0 && _detections[^1].Frame >= frame)
            throw new InvalidOperationException("Detections must be added in frame order.");
        _detections.Add((frame, boxes));
    }

    /// <summary>No more detections will come.</summary>
    public void Complete() => _final = true;

    /// <summary>The boxes for <paramref name="frame"/>, or null while later detections are still needed.</summary>
    public IReadOnlyList<PixelBox>? TryPlan(int frame, double seconds)
    {
        if (!detect) return RegionBoxes(seconds);

        // i: the last detection at or before the frame.
        var i = _detections.FindLastIndex(d => d.Frame <= frame);
        if (i < 0) return _final ? [] : null;
        var exact = _detections[i].Frame == frame;
        // Effective boxes of detection j need detection j + 1; a frame after detection i needs those of i + 1.
        var needed = exact ? i + 1 : i + 2;
        if (!_final && needed >= _detections.Count) return null;

        if (exact || i + 1 >= _detections.Count) return Restrict(Merge([.. Effective(i)]), seconds);
        if (!_between.TryGetValue(frame, out var between))
        {
            TimeInterval(i);
            between = _between[frame];
        }
        return Restrict(Merge(between), seconds);
    }

    /// <summary>Plans the frames strictly between detections <paramref name="i"/> and <paramref name="i"/> + 1.</summary>
    private void TimeInterval(int i)
    {
        var (start, end) = (_detections[i].Frame, _detections[i + 1].Frame);
        List<PixelBox> before = [.. Effective(i)], after = [.. Effective(i + 1)];
        for (var f = start + 1; f < end; f++) _between[f] = [];
        foreach (var area in Merge([.. before, .. after]))
        {
            var atStart = before.Where(b => Intersect(b, area).Area > 0).ToList();
            var atEnd = after.Where(b => Intersect(b, area).Area > 0).ToList();
            var unchanged = frames is null || end - start < 2 || (atStart.Count > 0 && atEnd.Count > 0 && SameText(area, start, end));
            for (var f = start + 1; f < end; f++)
            {
                if (unchanged) _between[f].AddRange([.. atStart, .. atEnd]);
                else _between[f].AddRange(frames!.DetectIn(f, area).Where(b => Intersect(b, area).Area > 0));
            }
        }
    }

    /// <summary>Whether the same text shows in <paramref name="area"/> from one detection to the next. Burned-in text
    /// does not move with the picture, so the edges of its strokes stay where they are for as long as it shows,
    /// while the background's edges move with the camera (or stay too, with a still camera). How many edges survive
    /// across the interval is compared with how many survive between neighbouring frames, which sets what this
    /// scene's background contributes: a line that ends or changes takes its edges with it.</summary>
    private bool SameText(PixelBox area, int start, int end)
    {
        var rect = new Rect(area.X, area.Y, area.Width, area.Height);
        using var first = Edges(start, rect);
        using var second = Edges(start + 1, rect);
        using var beforeLast = Edges(end - 1, rect);
        using var last = Edges(end, rect);
        var across = Math.Min(Kept(first, last), Kept(last, first));
        var neighbours = Math.Max(Math.Min(Kept(first, second), Kept(second, first)), Math.Min(Kept(beforeLast, last), Kept(last, beforeLast)));
        return across >= SameShare * neighbours;
    }

    private Mat Edges(int frame, Rect rect)
    {
        using var crop = new Mat(frames!.Grey(frame), rect);
        var edges = new Mat();
        Cv2.Canny(crop, edges, 60, 180);
        return edges;
    }

    /// <summary>Share of the edge pixels of <paramref name="a"/> that <paramref name="b"/> has too, within a pixel.</summary>
    private static double Kept(Mat a, Mat b)
    {
        var count = Cv2.CountNonZero(a);
        if (count == 0) return 1;
        using var near = new Mat();
        Cv2.Dilate(b, near, null);
        Cv2.BitwiseAnd(a, near, near);
        return Cv2.CountNonZero(near) / (double)count;
    }

    /// <summary>Drops detections no frame at or after <paramref name="frame"/> still needs.</summary>
    public void Forget(int frame)
    {
        var i = _detections.FindLastIndex(d => d.Frame <= frame);
        if (i > 1) _detections.RemoveRange(0, i - 1);
        foreach (var old in _between.Keys.Where(f => f < frame).ToList()) _between.Remove(old);
    }

    private IEnumerable<PixelBox> Effective(int i)
    {
        foreach (var box in _detections[i].Boxes) yield return box;
        if (i == 0 || i + 1 >= _detections.Count) yield break;
        foreach (var before in _detections[i - 1].Boxes)
            if (_detections[i + 1].Boxes.Any(after => Overlap(before, after) > 0.3) &&
                !_detections[i].Boxes.Any(now => Overlap(before, now) > 0.3))
                yield return before;
    }

    private List<PixelBox> RegionBoxes(double seconds) =>
        regions.Where(r => r.ActiveAt(seconds)).Select(ToPixels).Where(b => b.Area > 0).ToList();

    private List<PixelBox> Restrict(List<PixelBox> boxes, double seconds)
    {
        if (regions.Count == 0) return boxes;
        var active = RegionBoxes(seconds);
        var kept = new List<PixelBox>();
        foreach (var box in boxes)
            foreach (var region in active)
                if (Intersect(box, region) is { Area: > 0 } inside) kept.Add(inside);
        return Merge(kept);
    }

    private PixelBox ToPixels(TextRegion r) => DbPostProcess.Clip(r.X0 * width, r.Y0 * height, r.X1 * width, r.Y1 * height, width, height);

    /// <summary>Joins boxes that overlap, so the same line detected twice becomes one box.</summary>
    internal static List<PixelBox> Merge(List<PixelBox> boxes)
    {
        var merged = new List<PixelBox>(boxes);
        for (var changed = true; changed;)
        {
            changed = false;
            for (var a = 0; a < merged.Count && !changed; a++)
                for (var b = a + 1; b < merged.Count; b++)
                {
                    if (Intersect(merged[a], merged[b]).Area <= 0) continue;
                    merged[a] = Union(merged[a], merged[b]);
                    merged.RemoveAt(b);
                    changed = true;
                    break;
                }
        }
        return merged;
    }

    /// <summary>Intersection over the smaller box's area.</summary>
    private static double Overlap(PixelBox a, PixelBox b) =>
        Intersect(a, b).Area / (double)Math.Max(1, Math.Min(a.Area, b.Area));

    private static PixelBox Intersect(PixelBox a, PixelBox b)
    {
        var x0 = Math.Max(a.X, b.X);
        var y0 = Math.Max(a.Y, b.Y);
        var x1 = Math.Min(a.Right, b.Right);
        var y1 = Math.Min(a.Bottom, b.Bottom);
        return x1 > x0 && y1 > y0 ? new PixelBox(x0, y0, x1 - x0, y1 - y0) : default;
    }

    private static PixelBox Union(PixelBox a, PixelBox b)
    {
        var x0 = Math.Min(a.X, b.X);
        var y0 = Math.Min(a.Y, b.Y);
        return new PixelBox(x0, y0, Math.Max(a.Right, b.Right) - x0, Math.Max(a.Bottom, b.Bottom) - y0);
    }
}
