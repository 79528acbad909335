using OpenCvSharp;

namespace Vtis.Engine.Inpainting;

/// <summary>
/// The filling of one area of a frame around its text, plane by plane (Y at full size, U and V at chroma size):
/// which pixels need a value, which still do, and the values found so far. Sources are tried nearest first; each
/// gives only pixels it really shows (inside its frame, not under its own text), so later sources fill ever
/// smaller holes.
/// </summary>
/// <remarks>The pixels still needed are kept as a list, and each source is asked about those alone (where the camera
/// puts them in it, whether that is text there, and if not the value there, interpolated): a source costs what is
/// left to fill, not the area around it, and far sources are asked about a few scattered pixels.</remarks>
internal sealed unsafe class RegionFill : IDisposable
{
    private readonly int _chromaShift;
    private readonly Rect[] _areas = new Rect[3];
    private readonly Mat[] _need = new Mat[3];
    private readonly Mat[] _fill = new Mat[3];
    private readonly List<int>[] _pending = [[], [], []]; // (y << 16) | x within the plane's area
    private readonly int _needed;

    public RegionFill(FrameSlot target, Rect area, int chromaShift)
    {
        _chromaShift = chromaShift;
        Status = new Mat(area.Size, MatType.CV_8UC1, Scalar.All(BackgroundMosaic.Fresh));
        for (var p = 0; p < 3; p++)
        {
            _areas[p] = p == 0 ? area : new Rect(area.X >> chromaShift, area.Y >> chromaShift, area.Width >> chromaShift, area.Height >> chromaShift);
            _need[p] = new Mat(_areas[p].Size, MatType.CV_8UC1, Scalar.Black);
            target.Marks!.CopyTo(_areas[p], _need[p], p);
            _fill[p] = new Mat(_areas[p].Size, MatType.CV_8UC1, Scalar.Black);
            var need = (byte*)_need[p].Data;
            var fill = (byte*)_fill[p].Data;
            using var own = new Mat(target.Plane(p), _areas[p]);
            var (width, height) = (_areas[p].Width, _areas[p].Height);
            for (var y = 0; y < height; y++)
            {
                var row = (byte*)own.Ptr(y);
                for (var x = 0; x < width; x++)
                {
                    var i = y * width + x;
                    if (need[i] == 0) continue;
                    // Under a translucent layer, the picture behind is recovered from the frame itself.
                    if (need[i] != FrameMarks.Text) fill[i] = target.Marks.Blends[need[i] - 1].Behind(p, row[x]);
                    else _pending[p].Add((y << 16) | x);
                }
            }
        }
        _needed = _pending[0].Count;
    }

    /// <summary>The area, in luma pixels.</summary>
    public Rect Area => _areas[0];

    /// <summary>Where each luma pixel of the area came from, for the mosaic (see <see cref="BackgroundMosaic"/>).</summary>
    public Mat Status { get; }

    public bool Done => _pending.All(p => p.Count == 0);


    /// <summary>Whether what is left is a few scattered pixels, which painting fills as well as any far source would.</summary>
    public bool NearlyDone => _pending[0].Count <= Math.Max(FewPixels, _needed * FewShare);

    private const int FewPixels = 24;

    private const double FewShare = 0.002;

    /// <summary>Copies what <paramref name="source"/> shows of the still-needed pixels; <paramref name="toSource"/>
    /// maps this frame's luma pixels to the source's.</summary>
    public void FromFrame(FrameSlot source, Affine toSource)
    {
        var tookLuma = 0;
        for (var p = 0; p < 3; p++)
        {
            // A source that shows none of the luma still needed is no help with its chroma either.
            if (p > 0 && tookLuma == 0 && _pending[0].Count > 0) return;
            var map = (p == 0 ? toSource : toSource.ForChroma(_chromaShift)).FromOffset(_areas[p].X, _areas[p].Y);
            var took = Gather(p, source.Plane(p), source.Marks, map);
            if (p == 0) tookLuma = took;
        }
    }

    /// <summary>Takes from <paramref name="plane"/> every pending pixel of plane <paramref name="p"/> that
    /// <paramref name="map"/> (area pixels to the source's) puts inside the source, a pixel and a half from its edges
    /// (interpolation reads the next pixel too), and not on its text.</summary>
    private int Gather(int p, Mat plane, FrameMarks? marks, Affine map)
    {
        var pending = _pending[p];
        if (pending.Count == 0) return 0;
        var (width, height) = (plane.Width, plane.Height);
        var data = (byte*)plane.Data;
        var stride = (int)plane.Step();
        var fill = (byte*)_fill[p].Data;
        var areaWidth = _areas[p].Width;
        var lookup = marks is { IsEmpty: false } ? marks.Lookup(p) : null;
        var blends = marks?.Blends;
        var kept = 0;
        var took = 0;
        var (a, b, c, d, tx, ty) = ((float)map.A, (float)map.B, (float)map.C, (float)map.D, (float)map.Tx, (float)map.Ty);
        var (right, bottom) = (width - 2.5f, height - 2.5f);
        for (var i = 0; i < pending.Count; i++)
        {
            var at = pending[i];
            var (x, y) = (at & 0xFFFF, at >> 16);
            var sx = a * x + b * y + tx;
            var sy = c * x + d * y + ty;
            var mark = sx < 1.5f || sy < 1.5f || sx > right || sy > bottom ? FrameMarks.Text
                : lookup is null ? (byte)0 : lookup.At((int)(sx + 0.5), (int)(sy + 0.5));
            if (mark == FrameMarks.Text)
            {
                pending[kept++] = at;
                continue;
            }
            var (ix, iy) = ((int)sx, (int)sy);
            var (fx, fy) = (sx - ix, sy - iy);
            var row = data + iy * stride + ix;
            var upper = row[0] + fx * (row[1] - row[0]);
            var lower = row[stride] + fx * (row[stride + 1] - row[stride]);
            var value = upper + fy * (lower - upper);
            // Under the source's translucent layer: what is behind it.
            fill[y * areaWidth + x] = mark == 0 ? (byte)(value + 0.5f) : blends![mark - 1].Behind(p, value);
            took++;
        }
        pending.RemoveRange(kept, pending.Count - kept);
        return took;
    }

    /// <summary>Copies what the mosaic holds where <paramref name="usable"/> (luma resolution) is 255.</summary>
    public void FromMosaic(BackgroundMosaic mosaic, Mat usable, Affine toCanvas, byte status)
    {
        for (var p = 0; p < 3; p++)
        {
            if (_pending[p].Count == 0) continue;
            var map = p == 0 ? toCanvas : toCanvas.ForChroma(_chromaShift);
            // Chroma pixel (x, y) lies on luma canvas pixel toCanvas(2x + 0.5, 2y + 0.5).
            var lumaMap = p == 0 ? toCanvas : toCanvas.After(new Affine(1 << _chromaShift, 0, 0, 1 << _chromaShift, 0.5 * _chromaShift, 0.5 * _chromaShift));
            using var remaining = Remaining(p);
            var needed = Cv2.BoundingRect(remaining);
            using var hidden = new Mat();
            using (var m = lumaMap.FromOffset(_areas[p].X + needed.X, _areas[p].Y + needed.Y).ToMat())
            {
                Cv2.WarpAffine(usable, hidden, m, needed.Size, InterpolationFlags.Linear | InterpolationFlags.WarpInverseMap, BorderTypes.Constant, Scalar.Black);
                Cv2.Compare(hidden, Scalar.All(255), hidden, CmpTypes.NE);
            }
            using var part = new Mat(remaining, needed);
            using var take = new Mat();
            Cv2.Subtract(part, hidden, take);
            if (Cv2.CountNonZero(take) == 0) continue;
            using var warped = new Mat();
            using (var m = map.FromOffset(_areas[p].X + needed.X, _areas[p].Y + needed.Y).ToMat())
                Cv2.WarpAffine(mosaic.Plane(p), warped, m, needed.Size, InterpolationFlags.Linear | InterpolationFlags.WarpInverseMap, BorderTypes.Replicate);
            using (var fill = new Mat(_fill[p], needed))
                warped.CopyTo(fill, take);
            if (p == 0)
                using (var statusPart = new Mat(Status, needed))
                    statusPart.SetTo(Scalar.All(status), take);
            part.SetTo(Scalar.Black, take);
            SetPending(p, remaining);
        }
    }

    /// <summary>Paints what no source showed from the pixels around it (Telea), plane by plane, seeing what is
    /// already filled so the last holes continue their surroundings.</summary>
    public void Spatially(FrameSlot target)
    {
        for (var p = 0; p < 3; p++)
        {
            if (_pending[p].Count == 0) continue;
            using var remaining = Remaining(p);
            using var context = new Mat(target.Plane(p), _areas[p]).Clone();
            using var known = new Mat();
            Cv2.Subtract(_need[p], remaining, known);
            _fill[p].CopyTo(context, known);
            using var painted = new Mat();
            Cv2.Inpaint(context, remaining, painted, 3, InpaintTypes.Telea);
            painted.CopyTo(_fill[p], remaining);
            if (p == 0) Status.SetTo(Scalar.All(BackgroundMosaic.Painted), remaining);
            _pending[p].Clear();
        }
    }

    /// <summary>Writes the filled pixels (and only those) into <paramref name="planes"/> (the frame being written).</summary>
    public void WriteTo(IReadOnlyList<Mat> planes)
    {
        for (var p = 0; p < 3; p++)
        {
            using var target = new Mat(planes[p], _areas[p]);
            _fill[p].CopyTo(target, _need[p]);
        }
    }

    public void Dispose()
    {
        Status.Dispose();
        foreach (var m in _need.Concat(_fill)) m?.Dispose();
    }

    /// <summary>255 where plane <paramref name="p"/> still needs a value.</summary>
    private Mat Remaining(int p)
    {
        var remaining = new Mat(_areas[p].Size, MatType.CV_8UC1, Scalar.Black);
        var data = (byte*)remaining.Data;
        var width = _areas[p].Width;
        foreach (var at in _pending[p]) data[(at >> 16) * width + (at & 0xFFFF)] = 255;
        return remaining;
    }

    private void SetPending(int p, Mat remaining)
    {
        var data = (byte*)remaining.Data;
        var width = _areas[p].Width;
        _pending[p].RemoveAll(at => data[(at >> 16) * width + (at & 0xFFFF)] == 0);
    }
}
