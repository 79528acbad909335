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
    private readonly Dictionary<int, List<PlannedBox>> _between = []; // frame -> boxes, for frames between detections
    private readonly Dictionary<int, List<PlannedBox>> _moving = [];  // detection frame -> areas moving until the next
    private readonly Dictionary<int, List<PlannedBox>> _edges = [];   // detection frame -> moving lines its detector missed
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
    public FramePlan? TryPlan(int frame, double seconds)
    {
        if (!detect) return FramePlan.Still(RegionBoxes(seconds));

        // i: the last detection at or before the frame.
        var i = _detections.FindLastIndex(d => d.Frame <= frame);
        if (i < 0) return _final ? FramePlan.Still([]) : null;
        var exact = _detections[i].Frame == frame;
        // Effective boxes of detection j need detection j + 1; a frame after detection i needs those of i + 1.
        var needed = i + 2;
        if (!_final && needed >= _detections.Count) return null;

        if (exact || i + 1 >= _detections.Count)
        {
            // A detection frame's boxes move as the areas found moving from it, or into it.
            if (i + 1 < _detections.Count && !_moving.ContainsKey(_detections[i].Frame)) TimeInterval(i);
            var moving = (_moving.GetValueOrDefault(_detections[i].Frame) ?? []).Concat(i > 0 ? _moving.GetValueOrDefault(_detections[i - 1].Frame) ?? [] : []).ToList();
            return Restrict([.. Effective(i).Select(b => new PlannedBox(b, moving.FirstOrDefault(m => BoxGeometry.Intersect(m.Box, b).Area > 0).Motion)),
                .. _edges.GetValueOrDefault(_detections[i].Frame) ?? []], seconds);
        }
        if (!_between.TryGetValue(frame, out var between))
        {
            TimeInterval(i);
            between = _between[frame];
        }
        return Restrict(between, seconds);
    }

    /// <summary>Plans the frames strictly between detections <paramref name="i"/> and <paramref name="i"/> + 1: text
    /// that stays keeps its boxes; text that moves as one (credits, a ticker) is followed; anything else is searched
    /// for again in each frame.</summary>
    private void TimeInterval(int i)
    {
        var (start, end) = (_detections[i].Frame, _detections[i + 1].Frame);
        List<PixelBox> before = [.. Effective(i)], after = [.. Effective(i + 1)];
        for (var f = start + 1; f < end; f++) _between[f] = [];
        var moving = _moving[start] = [];
        var areas = BoxGeometry.Merge([.. before, .. after]).Select(area => (
            Area: area,
            AtStart: before.Where(b => BoxGeometry.Intersect(b, area).Area > 0).ToList(),
            AtEnd: after.Where(b => BoxGeometry.Intersect(b, area).Area > 0).ToList())).ToList();
        // Moving text first: a line that scrolls keeps many of its edges from one frame to the next, which the
        // still-text test would take for text that stays.
        var shifts = areas.Select(a => end - start < 2 ? null : Shift(a.AtStart, start, end) is { } d && Math.Abs(d.Dx) + Math.Abs(d.Dy) >= 1 ? d : ((double Dx, double Dy)?)null).ToList();
        var common = Median(shifts.OfType<(double Dx, double Dy)>().ToList());
        for (var k = 0; k < areas.Count; k++)
        {
            var (area, atStart, atEnd) = areas[k];
            // A line that entered (or left) the picture during the interval moves as the rest of the text does.
            var shift = shifts[k] ?? (common is { } c && CrossesEdge(atStart, atEnd, c) ? c : null);
            if (shift is { } s)
            {
                var motion = (s.Dx / (end - start), s.Dy / (end - start));
                moving.Add(new PlannedBox(area, motion));
                for (var f = start + 1; f < end; f++)
                    _between[f].AddRange([.. atStart.Select(b => Moved(b, motion, f - start)).Concat(atEnd.Select(b => Moved(b, motion, f - end)))
                        .Where(b => b.Area > 0).Select(b => new PlannedBox(b, motion))]);
                continue;
            }
            var unchanged = frames is null || end - start < 2 || (atStart.Count > 0 && atEnd.Count > 0 && SameText(area, start, end));
            for (var f = start + 1; f < end; f++)
            {
                if (unchanged) _between[f].AddRange([.. atStart.Concat(atEnd).Select(b => new PlannedBox(b, default))]);
                else _between[f].AddRange(frames!.DetectIn(f, area).Where(b => BoxGeometry.Intersect(b, area).Area > 0).Select(b => new PlannedBox(b, default)));
            }
        }
        // Before any line of it was seen whole, text coming in moves as it does in the next interval.
        if (common is null && i + 2 < _detections.Count && Shift([.. Effective(i + 1)], end, _detections[i + 2].Frame) is { } next &&
            Math.Abs(next.Dx) + Math.Abs(next.Dy) >= 1)
            common = (next.Dx * (end - start) / (_detections[i + 2].Frame - end), next.Dy * (end - start) / (_detections[i + 2].Frame - end));
        if (common is { } moved) FollowAcrossEdges(i, (moved.Dx / (end - start), moved.Dy / (end - start)));
    }

    /// <summary>The detector misses a line that is only partly in the picture, as credits are when they come in at the
    /// bottom and go out at the top: lines found one detection later (or earlier) are followed back (or on) through
    /// this interval, moving as the rest of the text, for as long as some of them is in the picture.</summary>
    private void FollowAcrossEdges(int i, (double Dx, double Dy) motion)
    {
        var (start, end) = (_detections[i].Frame, _detections[i + 1].Frame);
        var lines = new List<(PixelBox Box, int Frame)>();
        if (i + 2 < _detections.Count) lines.AddRange(_detections[i + 2].Boxes.Select(b => (b, _detections[i + 2].Frame)));
        if (i > 0) lines.AddRange(_detections[i - 1].Boxes.Select(b => (b, _detections[i - 1].Frame)));
        var edge = _edges.TryGetValue(end, out var known) ? known : _edges[end] = [];
        foreach (var (box, frame) in lines)
        {
            // Only lines that stood partly outside the picture somewhere in the interval, where the detector could not see them.
            var atStart = Moved(box, motion, start - frame);
            var atEnd = Moved(box, motion, end - frame);
            if (atStart.Area == box.Area && atEnd.Area == box.Area) continue;
            for (var f = start + 1; f <= end; f++)
            {
                var there = Moved(box, motion, f - frame);
                if (there.Area <= 0) continue;
                if (f == end) edge.Add(new PlannedBox(there, motion));
                else _between[f].Add(new PlannedBox(there, motion));
            }
        }
    }

    private static (double Dx, double Dy)? Median(List<(double Dx, double Dy)> shifts) => shifts.Count == 0 ? null
        : (shifts.Select(s => s.Dx).Order().ElementAt(shifts.Count / 2), shifts.Select(s => s.Dy).Order().ElementAt(shifts.Count / 2));

    /// <summary>Whether the text of an area only at one end of the interval would, moved by <paramref name="shift"/>,
    /// stand partly outside the picture at the other end: it came in (or went out) across the edge meanwhile.</summary>
    private bool CrossesEdge(List<PixelBox> atStart, List<PixelBox> atEnd, (double Dx, double Dy) shift)
    {
        bool Outside(PixelBox b, double dx, double dy) =>
            b.X + dx < 0 || b.Y + dy < 0 || b.Right + dx > width || b.Bottom + dy > height;
        return (atStart.Count == 0 && atEnd.Count > 0 && atEnd.Any(b => Outside(b, -shift.Dx, -shift.Dy))) ||
               (atEnd.Count == 0 && atStart.Count > 0 && atStart.Any(b => Outside(b, shift.Dx, shift.Dy)));
    }

    /// <summary>How far the lines of <paramref name="boxes"/> moved together from <paramref name="start"/> to
    /// <paramref name="end"/> (the median of what each line's match says), or null when they did not move as one.</summary>
    private (double Dx, double Dy)? Shift(List<PixelBox> boxes, int start, int end)
    {
        if (frames is null || boxes.Count == 0) return null;
        var shifts = boxes.Select(b => TextMotion.Find(frames.Grey(start), frames.Grey(end), b, MaxSpeedX * (end - start), MaxSpeedY * (end - start)))
            .OfType<(double Dx, double Dy)>().ToList();
        return shifts.Count == 0 || shifts.Count * 2 < boxes.Count ? null : Median(shifts);
    }

    /// <summary>Fastest text the planner follows, in pixels per frame (a quick ticker, fast credits).</summary>
    private const int MaxSpeedX = 10;

    private const int MaxSpeedY = 6;

    private PixelBox Moved(PixelBox b, (double Dx, double Dy) motion, int frames) =>
        DbPostProcess.Clip(b.X + motion.Dx * frames, b.Y + motion.Dy * frames, b.Right + motion.Dx * frames, b.Bottom + motion.Dy * frames, width, height);

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
        if (_detections.Count == 0) return;
        var oldest = _detections[0].Frame;
        foreach (var old in _moving.Keys.Where(f => f < oldest).ToList()) _moving.Remove(old);
        foreach (var old in _edges.Keys.Where(f => f < oldest).ToList()) _edges.Remove(old);
    }

    private IEnumerable<PixelBox> Effective(int i)
    {
        foreach (var box in _detections[i].Boxes) yield return box;
        if (i == 0 || i + 1 >= _detections.Count) yield break;
        foreach (var before in _detections[i - 1].Boxes)
            if (_detections[i + 1].Boxes.Any(after => BoxGeometry.Overlap(before, after) > 0.3) &&
                !_detections[i].Boxes.Any(now => BoxGeometry.Overlap(before, now) > 0.3))
                yield return before;
    }

    private List<PixelBox> RegionBoxes(double seconds) =>
        regions.Where(r => r.ActiveAt(seconds)).Select(ToPixels).Where(b => b.Area > 0).ToList();

    private FramePlan Restrict(List<PlannedBox> boxes, double seconds)
    {
        if (regions.Count == 0) return FramePlan.Of(boxes);
        var active = RegionBoxes(seconds);
        var kept = new List<PlannedBox>();
        foreach (var box in boxes)
            foreach (var region in active)
                if (BoxGeometry.Intersect(box.Box, region) is { Area: > 0 } inside) kept.Add(box with { Box = inside });
        return FramePlan.Of(kept);
    }

    private PixelBox ToPixels(TextRegion r) => DbPostProcess.Clip(r.X0 * width, r.Y0 * height, r.X1 * width, r.Y1 * height, width, height);
}
