using OpenCvSharp;

namespace Vtis.Engine.Inpainting;

/// <summary>The pixels of one frame that are text (to be filled, and never to be copied into another frame), kept
/// as tiles around the text at luma and at chroma resolution: whole-frame masks for every frame in the window would
/// cost a frame of memory each.</summary>
internal sealed class FrameMarks : IDisposable
{
    public const byte Text = 255;

    private readonly List<MarkTile> _tiles;

    public FrameMarks(List<MarkTile> tiles, IReadOnlyList<Detection.Blend>? blends = null)
    {
        _tiles = tiles;
        Blends = blends ?? [];
    }

    public static FrameMarks None => new([]);

    /// <summary>Translucent layers: a mark of value k (1 to 254) is under layer k's blend (<c>Blends[k - 1]</c>),
    /// whose inverse recovers the picture behind it.</summary>
    public IReadOnlyList<Detection.Blend> Blends { get; }

    public IReadOnlyList<MarkTile> Tiles => _tiles;

    public bool IsEmpty => _tiles.Count == 0;

    private readonly MarkLookup?[] _lookups = new MarkLookup?[3];

    /// <summary>Fast point queries on plane <paramref name="plane"/>'s marks (valid while these marks live).</summary>
    public MarkLookup Lookup(int plane) => _lookups[plane] ??= new MarkLookup(_tiles, plane);

    /// <summary>Sets to 255 the pixels of <paramref name="hidden"/> (the size of <paramref name="area"/>, in another
    /// frame's pixels of plane <paramref name="plane"/>) that <paramref name="toThis"/> maps onto text of this frame.</summary>
    public void Render(Affine toThis, Rect area, Mat hidden, int plane, int chromaShift)
    {
        using var part = new Mat();
        foreach (var tile in _tiles)
        {
            var (mask, at) = plane == 0 ? (tile.Luma, tile.Area) : (tile.Chroma, tile.ChromaArea);
            using var map = toThis.FromOffset(area.X, area.Y).Then(Affine.Identity with { Tx = -at.X, Ty = -at.Y }).ToMat();
            Cv2.WarpAffine(mask, part, map, area.Size, InterpolationFlags.Nearest | InterpolationFlags.WarpInverseMap, BorderTypes.Constant, Scalar.Black);
            Cv2.BitwiseOr(hidden, part, hidden);
        }
    }

    /// <summary>Copies the marks of plane <paramref name="plane"/> that fall inside <paramref name="area"/> into
    /// <paramref name="mask"/> (the size of the area), without moving them.</summary>
    public void CopyTo(Rect area, Mat mask, int plane)
    {
        foreach (var tile in _tiles)
        {
            var (source, at) = plane == 0 ? (tile.Luma, tile.Area) : (tile.Chroma, tile.ChromaArea);
            var common = at & area;
            if (common.Width <= 0 || common.Height <= 0) continue;
            using var from = new Mat(source, new Rect(common.X - at.X, common.Y - at.Y, common.Width, common.Height));
            using var to = new Mat(mask, new Rect(common.X - area.X, common.Y - area.Y, common.Width, common.Height));
            Cv2.Max(to, from, to);
        }
    }

    /// <summary>Unmarks everything outside <paramref name="allowed"/> (luma pixels): the areas a user limited the
    /// cleaning to stay its limits, whatever the marks' margins.</summary>
    public void KeepInside(IReadOnlyList<Rect> allowed, int chromaShift)
    {
        foreach (var tile in _tiles)
        {
            foreach (var (mask, area, shift) in new[] { (tile.Luma, tile.Area, 0), (tile.Chroma, tile.ChromaArea, chromaShift) })
            {
                using var inside = new Mat(mask.Size(), MatType.CV_8UC1, Scalar.Black);
                foreach (var r in allowed)
                {
                    // A chroma sample is kept only when the luma pixels it covers all are.
                    var scaled = shift == 0 ? r : new Rect((r.X + 1) >> shift, (r.Y + 1) >> shift, r.Width >> shift, r.Height >> shift);
                    var local = new Rect(scaled.X - area.X, scaled.Y - area.Y, scaled.Width, scaled.Height) & new Rect(0, 0, area.Width, area.Height);
                    if (local.Width > 0 && local.Height > 0) inside[local].SetTo(Scalar.White);
                }
                Cv2.BitwiseAnd(mask, inside, mask);
            }
        }
        _tiles.RemoveAll(t => Cv2.CountNonZero(t.Luma) == 0 && Dispose(t));
    }

    private static bool Dispose(MarkTile tile)
    {
        tile.Dispose();
        return true;
    }

    /// <summary>The bounding box of the marked pixels of each tile.</summary>
    public IReadOnlyList<PixelBox> Boxes() => [.. _tiles
        .Select(t => (t.Area, Bounds: Cv2.BoundingRect(t.Luma)))
        .Where(t => t.Bounds.Width > 0)
        .Select(t => new PixelBox(t.Area.X + t.Bounds.X, t.Area.Y + t.Bounds.Y, t.Bounds.Width, t.Bounds.Height))];

    /// <summary>The marked pixels as runs, row by row (for <see cref="FrameMask"/>).</summary>
    public IReadOnlyList<MaskRun> Runs()
    {
        var runs = new List<MaskRun>();
        if (_tiles.Count == 0) return runs;
        var bounds = _tiles.Select(t => t.Area).Aggregate((a, b) => a | b);
        using var all = new Mat(bounds.Size, MatType.CV_8UC1, Scalar.Black);
        CopyTo(bounds, all, 0);
        var pixels = all.AsSpan<byte>();
        for (var y = 0; y < bounds.Height; y++)
        {
            var span = pixels.Slice(y * bounds.Width, bounds.Width);
            for (var x = 0; x < span.Length;)
            {
                if (span[x] == 0)
                {
                    x++;
                    continue;
                }
                var start = x;
                while (x < span.Length && span[x] != 0) x++;
                runs.Add(new MaskRun(bounds.Y + y, bounds.X + start, x - start));
            }
        }
        return runs;
    }

    public void Dispose()
    {
        foreach (var tile in _tiles) tile.Dispose();
        _tiles.Clear();
    }
}

/// <summary>Whether a pixel of one plane is marked, answered from the tiles directly.</summary>
internal sealed unsafe class MarkLookup
{
    private readonly (Rect Area, nint Data, int Stride)[] _tiles;

    public MarkLookup(IReadOnlyList<MarkTile> tiles, int plane) =>
        _tiles = [.. tiles.Select(t => plane == 0 ? (t.Area, t.Luma.Data, (int)t.Luma.Step()) : (t.ChromaArea, t.Chroma.Data, (int)t.Chroma.Step()))];

    /// <summary>The mark at (x, y): 0 for none, 255 for text, a layer's number for a translucent layer.</summary>
    public byte At(int x, int y)
    {
        byte mark = 0;
        foreach (var (area, data, stride) in _tiles)
        {
            var (dx, dy) = (x - area.X, y - area.Y);
            if (dx >= 0 && dy >= 0 && dx < area.Width && dy < area.Height) mark = Math.Max(mark, ((byte*)data)[dy * stride + dx]);
        }
        return mark;
    }
}

/// <summary>Text pixels (255) of one area of a frame, at luma resolution and at chroma resolution (a chroma sample is
/// text when any luma pixel it covers is).</summary>
internal sealed class MarkTile : IDisposable
{
    public MarkTile(Rect area, Mat luma, int chromaShift)
    {
        Area = area;
        Luma = luma;
        ChromaArea = new Rect(area.X >> chromaShift, area.Y >> chromaShift, area.Width >> chromaShift, area.Height >> chromaShift);
        Chroma = new Mat();
        if (chromaShift == 0) luma.CopyTo(Chroma);
        else
        {
            // Max over each 2x2 block: dilate, then take every other pixel (areas start at even coordinates).
            using var grown = new Mat();
            Cv2.Dilate(luma, grown, Cv2.GetStructuringElement(MorphShapes.Rect, new Size(2, 2)), new Point(0, 0));
            Cv2.Resize(grown, Chroma, ChromaArea.Size, interpolation: InterpolationFlags.Nearest);
        }
    }

    public Rect Area { get; }

    public Rect ChromaArea { get; }

    public Mat Luma { get; }

    public Mat Chroma { get; }

    public void Dispose()
    {
        Luma.Dispose();
        Chroma.Dispose();
    }
}
