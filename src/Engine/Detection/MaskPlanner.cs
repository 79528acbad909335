namespace Vtis.Engine.Detection;

/// <summary>Decides which boxes each frame cleans, from detections on every k-th frame and the user's regions.
/// A frame between two detections takes the boxes of both (text that appears or ends between them is covered),
/// and a box seen before and after a detection that missed it is kept there, so persistent text never flickers.</summary>
internal sealed class MaskPlanner(int width, int height, IReadOnlyList<TextRegion> regions, bool detect)
{
    private readonly List<(int Frame, IReadOnlyList<PixelBox> Boxes)> _detections = [];
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

        var boxes = new List<PixelBox>(Effective(i));
        if (!exact && i + 1 < _detections.Count) boxes.AddRange(Effective(i + 1));
        return Restrict(Merge(boxes), seconds);
    }

    /// <summary>Drops detections no frame at or after <paramref name="frame"/> still needs.</summary>
    public void Forget(int frame)
    {
        var i = _detections.FindLastIndex(d => d.Frame <= frame);
        if (i > 1) _detections.RemoveRange(0, i - 1);
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
