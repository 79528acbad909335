namespace Vtis.Engine.Detection;

/// <summary>A box the planner gives a frame, with how its text moves (pixels per frame; zero for text that stays).</summary>
internal readonly record struct PlannedBox(PixelBox Box, (double Dx, double Dy) Motion)
{
    public bool Moves => Motion != default;
}

/// <summary>What one frame cleans: boxes joined where they overlap, each with its text's motion.</summary>
internal sealed record FramePlan(IReadOnlyList<PixelBox> Boxes, IReadOnlyList<(double Dx, double Dy)> Motions)
{
    public static FramePlan Still(IReadOnlyList<PixelBox> boxes) => new(boxes, [.. boxes.Select(_ => default((double, double)))]);

    /// <summary>Joins overlapping boxes; a joined box moves as the largest box in it.</summary>
    public static FramePlan Of(IReadOnlyList<PlannedBox> boxes)
    {
        var merged = BoxGeometry.Merge([.. boxes.Select(b => b.Box)]);
        var motions = merged.Select(m => boxes.Where(b => BoxGeometry.Intersect(b.Box, m).Area > 0)
            .OrderByDescending(b => b.Box.Area).Select(b => b.Motion).FirstOrDefault()).ToList();
        return new FramePlan(merged, motions);
    }
}

/// <summary>Rectangle arithmetic on boxes.</summary>
internal static class BoxGeometry
{
    /// <summary>Joins boxes that overlap, so the same line detected twice becomes one box.</summary>
    public static List<PixelBox> Merge(List<PixelBox> boxes)
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
    public static double Overlap(PixelBox a, PixelBox b) =>
        Intersect(a, b).Area / (double)Math.Max(1, Math.Min(a.Area, b.Area));

    public static PixelBox Intersect(PixelBox a, PixelBox b)
    {
        var x0 = Math.Max(a.X, b.X);
        var y0 = Math.Max(a.Y, b.Y);
        var x1 = Math.Min(a.Right, b.Right);
        var y1 = Math.Min(a.Bottom, b.Bottom);
        return x1 > x0 && y1 > y0 ? new PixelBox(x0, y0, x1 - x0, y1 - y0) : default;
    }

    public static PixelBox Union(PixelBox a, PixelBox b)
    {
        var x0 = Math.Min(a.X, b.X);
        var y0 = Math.Min(a.Y, b.Y);
        return new PixelBox(x0, y0, Math.Max(a.Right, b.Right) - x0, Math.Max(a.Bottom, b.Bottom) - y0);
    }
}
