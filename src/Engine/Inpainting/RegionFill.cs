using OpenCvSharp;

namespace Vtis.Engine.Inpainting;

/// <summary>
/// The filling of one area of a frame around its text, plane by plane (Y at full size, U and V at chroma size):
/// which pixels need a value, which still do, and the values found so far. Sources are tried nearest first; each
/// gives only pixels it really shows (inside its frame, not under its own text), so later sources fill ever
/// smaller holes.
/// </summary>
internal sealed class RegionFill : IDisposable
{
    private readonly int _chromaShift;
    private readonly Rect[] _areas = new Rect[3];
    private readonly Mat[] _need = new Mat[3];
    private readonly Mat[] _remaining = new Mat[3];
    private readonly Mat[] _fill = new Mat[3];

    public RegionFill(FrameSlot target, Rect area, int chromaShift)
    {
        _chromaShift = chromaShift;
        Status = new Mat(area.Size, MatType.CV_8UC1, Scalar.All(BackgroundMosaic.Fresh));
        for (var p = 0; p < 3; p++)
        {
            _areas[p] = p == 0 ? area : new Rect(area.X >> chromaShift, area.Y >> chromaShift, area.Width >> chromaShift, area.Height >> chromaShift);
            _need[p] = new Mat(_areas[p].Size, MatType.CV_8UC1, Scalar.Black);
            target.Marks!.CopyTo(_areas[p], _need[p], p);
            _remaining[p] = _need[p].Clone();
            _fill[p] = new Mat(_areas[p].Size, MatType.CV_8UC1, Scalar.Black);
        }
    }

    /// <summary>The area, in luma pixels.</summary>
    public Rect Area => _areas[0];

    /// <summary>Where each luma pixel of the area came from, for the mosaic (see <see cref="BackgroundMosaic"/>).</summary>
    public Mat Status { get; }

    public bool Done => Enumerable.Range(0, 3).All(p => Cv2.CountNonZero(_remaining[p]) == 0);

    /// <summary>Copies what <paramref name="source"/> shows of the still-needed pixels; <paramref name="toSource"/>
    /// maps this frame's luma pixels to the source's.</summary>
    public void FromFrame(FrameSlot source, Affine toSource)
    {
        for (var p = 0; p < 3; p++)
        {
            var map = p == 0 ? toSource : toSource.ForChroma(_chromaShift);
            var plane = source.Plane(p);
            Take(p, plane, map, (needed, hidden) =>
            {
                hidden.SetTo(Scalar.White);
                // Inside the source frame, a pixel and a half from its edges (bilinear reads the next pixel too).
                var inverse = map.Inverse();
                var offset = new Point2d(_areas[p].X + needed.X, _areas[p].Y + needed.Y);
                Cv2.FillConvexPoly(hidden, Corners(inverse, 1.5, 1.5, plane.Width - 2.5, plane.Height - 2.5, offset), Scalar.Black, LineTypes.Link8, Shift);
                source.Marks?.Render(map, new Rect((int)offset.X, (int)offset.Y, needed.Width, needed.Height), hidden, p, _chromaShift);
            }, BackgroundMosaic.Fresh);
        }
    }

    /// <summary>Copies what the mosaic holds where <paramref name="usable"/> (luma resolution) is 255.</summary>
    public void FromMosaic(BackgroundMosaic mosaic, Mat usable, Affine toCanvas, byte status)
    {
        for (var p = 0; p < 3; p++)
        {
            var map = p == 0 ? toCanvas : toCanvas.ForChroma(_chromaShift);
            // Chroma pixel (x, y) lies on luma canvas pixel toCanvas(2x + 0.5, 2y + 0.5).
            var lumaMap = p == 0 ? toCanvas : toCanvas.After(new Affine(1 << _chromaShift, 0, 0, 1 << _chromaShift, 0.5 * _chromaShift, 0.5 * _chromaShift));
            Take(p, mosaic.Plane(p), map, (needed, hidden) =>
            {
                using var m = lumaMap.FromOffset(_areas[p].X + needed.X, _areas[p].Y + needed.Y).ToMat();
                Cv2.WarpAffine(usable, hidden, m, needed.Size, InterpolationFlags.Linear | InterpolationFlags.WarpInverseMap, BorderTypes.Constant, Scalar.Black);
                Cv2.Compare(hidden, Scalar.All(255), hidden, CmpTypes.NE);
            }, status);
        }
    }

    /// <summary>Paints what no source showed from the pixels around it (Telea), plane by plane, seeing what is
    /// already filled so the last holes continue their surroundings.</summary>
    public void Spatially(FrameSlot target)
    {
        for (var p = 0; p < 3; p++)
        {
            if (Cv2.CountNonZero(_remaining[p]) == 0) continue;
            using var context = new Mat(target.Plane(p), _areas[p]).Clone();
            using var known = new Mat();
            Cv2.Subtract(_need[p], _remaining[p], known);
            _fill[p].CopyTo(context, known);
            using var painted = new Mat();
            Cv2.Inpaint(context, _remaining[p], painted, 3, InpaintTypes.Telea);
            painted.CopyTo(_fill[p], _remaining[p]);
            if (p == 0) Status.SetTo(Scalar.All(BackgroundMosaic.Painted), _remaining[p]);
            _remaining[p].SetTo(Scalar.Black);
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
        foreach (var m in _need.Concat(_remaining).Concat(_fill)) m?.Dispose();
    }

    /// <summary>Copies pixels of <paramref name="source"/> (mapped by <paramref name="map"/> from this area's plane
    /// coordinates) into the still-needed pixels of plane <paramref name="p"/>, except where <paramref name="hide"/>
    /// marks them (255) as unusable. Only the rectangle around what is still needed is resampled.</summary>
    private void Take(int p, Mat source, Affine map, Action<Rect, Mat> hide, byte status)
    {
        var needed = Cv2.BoundingRect(_remaining[p]);
        if (needed.Width == 0 || needed.Height == 0) return;
        using var hidden = new Mat(needed.Size, MatType.CV_8UC1);
        hide(needed, hidden);
        using var remaining = new Mat(_remaining[p], needed);
        using var usable = new Mat();
        Cv2.Subtract(remaining, hidden, usable);
        if (Cv2.CountNonZero(usable) == 0) return;

        using var m = map.FromOffset(_areas[p].X + needed.X, _areas[p].Y + needed.Y).ToMat();
        using var warped = new Mat();
        Cv2.WarpAffine(source, warped, m, needed.Size, InterpolationFlags.Cubic | InterpolationFlags.WarpInverseMap, BorderTypes.Replicate);
        using var fill = new Mat(_fill[p], needed);
        warped.CopyTo(fill, usable);
        remaining.SetTo(Scalar.Black, usable);
        if (p == 0 && status != BackgroundMosaic.Fresh)
            using (var statusPart = new Mat(Status, needed))
                statusPart.SetTo(Scalar.All(status), usable);
    }

    private const int Shift = 4; // polygon corners in 1/16 pixels

    private static Point[] Corners(Affine m, double x0, double y0, double x1, double y1, Point2d offset)
    {
        Point Map(double x, double y) => new(
            (int)Math.Round((m.A * x + m.B * y + m.Tx - offset.X) * (1 << Shift)),
            (int)Math.Round((m.C * x + m.D * y + m.Ty - offset.Y) * (1 << Shift)));
        return [Map(x0, y0), Map(x1, y0), Map(x1, y1), Map(x0, y1)];
    }
}
