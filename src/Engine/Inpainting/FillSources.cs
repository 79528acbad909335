using OpenCvSharp;

namespace Vtis.Engine.Inpainting;

/// <summary>Copies background into the still-needed pixels of a text region from other frames, aligned by the
/// camera motion chained between consecutive frames.</summary>
internal sealed class FillSources
{
    private readonly IReadOnlyList<FrameSlot> _window;
    private readonly int _at;
    private readonly int _radius;
    private readonly Mat _fill;
    private readonly Mat _remaining;
    private readonly Rect _region;
    private Affine? _toPast = Affine.Identity;     // target -> window[_at - _pastDepth]
    private Affine? _fromFuture = Affine.Identity; // window[_at + _futureDepth] -> target
    private int _pastDepth;
    private int _futureDepth;

    public FillSources(FrameSlot target, IReadOnlyList<FrameSlot> window, int radius, Mat fill, Mat remaining, Rect region)
    {
        _window = window;
        _radius = radius;
        _fill = fill;
        _remaining = remaining;
        _region = region;
        _at = -1;
        for (var i = 0; i < window.Count; i++)
            if (ReferenceEquals(window[i], target)) _at = i;
        if (_at < 0) throw new InvalidOperationException("The target frame is not in the window.");
    }

    /// <summary>Fills from the frame <paramref name="d"/> before the target; false when nothing is left to fill or
    /// the frame is out of reach (outside the window, or across a cut).</summary>
    public bool Past(int d)
    {
        if (Done || d > _radius || _at - d < 0 || _toPast is null) return false;
        for (; _pastDepth < d && _toPast is { } m; _pastDepth++)
            _toPast = _window[_at - _pastDepth].ToPrevious is { } step ? step.After(m) : null;
        if (_toPast is not { } toPast) return false;
        FromFrame(_window[_at - d], toPast);
        return !Done;
    }

    /// <summary>Fills from the frame <paramref name="d"/> after the target; false as for <see cref="Past"/>.</summary>
    public bool Future(int d)
    {
        if (Done || d > _radius || _at + d >= _window.Count || _fromFuture is null) return false;
        for (; _futureDepth < d && _fromFuture is { } m; _futureDepth++)
            _fromFuture = _window[_at + _futureDepth + 1].ToPrevious is { } back ? m.After(back) : null;
        if (_fromFuture is not { } fromFuture) return false;
        FromFrame(_window[_at + d], fromFuture.Inverse());
        return !Done;
    }

    public bool Done => Cv2.CountNonZero(_remaining) == 0;

    /// <summary>Copies what <paramref name="mosaic"/> holds where <paramref name="usable"/> is 255 (with the pixels
    /// around it, which resampling also reads).</summary>
    public void FromMosaic(Mat mosaic, Mat usable, Affine targetToMosaic) => From(mosaic, targetToMosaic, (map, needed, hidden) =>
    {
        Cv2.WarpAffine(usable, hidden, map, needed.Size, InterpolationFlags.Linear | InterpolationFlags.WarpInverseMap,
            BorderTypes.Constant, Scalar.Black);
        Cv2.Compare(hidden, Scalar.All(255), hidden, CmpTypes.NE);
    });

    /// <summary>Copies from another frame, except where its own text is or outside it. Its boxes and edges are drawn as
    /// polygons in the target's coordinates (grown by the reach of bilinear resampling), which is far cheaper than
    /// resampling a mask of them.</summary>
    private void FromFrame(FrameSlot source, Affine targetToSource)
    {
        var toTarget = targetToSource.Inverse();
        var (width, height) = (source.Image.Width, source.Image.Height);
        From(source.Image, targetToSource, (_, needed, hidden) =>
        {
            var offset = new Point2d(_region.X + needed.X, _region.Y + needed.Y);
            hidden.Create(needed.Size, MatType.CV_8UC1);
            hidden.SetTo(Scalar.White);
            Cv2.FillConvexPoly(hidden, Corners(toTarget, 1.5, 1.5, width - 2.5, height - 2.5, offset), Scalar.Black, LineTypes.Link8, Shift);
            foreach (var box in source.Boxes ?? [])
                Cv2.FillConvexPoly(hidden, Corners(toTarget, box.X - 1.5, box.Y - 1.5, box.Right + 0.5, box.Bottom + 0.5, offset),
                    Scalar.White, LineTypes.Link8, Shift);
        });
    }

    private const int Shift = 4; // polygon corners in 1/16 pixels

    private static Point[] Corners(Affine m, double x0, double y0, double x1, double y1, Point2d offset)
    {
        Point Map(double x, double y) => new(
            (int)Math.Round((m.A * x + m.B * y + m.Tx - offset.X) * (1 << Shift)),
            (int)Math.Round((m.C * x + m.D * y + m.Ty - offset.Y) * (1 << Shift)));
        return [Map(x0, y0), Map(x1, y0), Map(x1, y1), Map(x0, y1)];
    }

    /// <summary>Copies the pixels of <paramref name="source"/> that <paramref name="targetToSource"/> maps the still
    /// needed pixels to, except where <paramref name="hide"/> marks them (255) as not to be used.</summary>
    private void From(Mat source, Affine targetToSource, Action<Mat, Rect, Mat> hide)
    {
        // Only the rectangle around what is still needed is resampled: later sources fill ever smaller holes.
        var needed = Cv2.BoundingRect(_remaining);
        if (needed.Width == 0 || needed.Height == 0) return;
        using var map = targetToSource.FromOffset(_region.X + needed.X, _region.Y + needed.Y).ToMat();
        using var hidden = new Mat();
        hide(map, needed, hidden);
        using var remaining = new Mat(_remaining, needed);
        using var usable = new Mat();
        Cv2.Subtract(remaining, hidden, usable);
        if (Cv2.CountNonZero(usable) == 0) return;

        using var warped = new Mat();
        Cv2.WarpAffine(source, warped, map, needed.Size, InterpolationFlags.Linear | InterpolationFlags.WarpInverseMap,
            BorderTypes.Constant, Scalar.Black);
        using var fill = new Mat(_fill, needed);
        warped.CopyTo(fill, usable);
        remaining.SetTo(Scalar.Black, usable);
    }
}
