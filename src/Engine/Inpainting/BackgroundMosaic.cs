using OpenCvSharp;

namespace Vtis.Engine.Inpainting;

/// <summary>
/// What the camera has shown of the background around the text, kept in the coordinates of one reference frame
/// (a mosaic), so that a pixel seen once can fill the text's place many seconds later, beyond the frames the window
/// still holds.
/// </summary>
/// <remarks>
/// Each sample is resampled twice, once in and once out, however long it is kept: carrying the previous cleaned
/// frame forward instead would resample it once per frame, and a second of that blurs every edge. Pixels are
/// written only where the written frame showed its own background or another real frame's (never what the mosaic
/// itself gave), so nothing loops. Painted pixels (spatial filling) are kept too, below real ones, so the painting
/// moves with the scene instead of flickering. At a cut, or when the camera has moved far from the reference, the
/// mosaic starts again from the current frame (after a cut) or is moved to it (one resample). Planes are kept as
/// the frames have them: Y at full size, U and V at chroma size.
/// </remarks>
internal sealed class BackgroundMosaic : IDisposable
{
    /// <summary>Status values of the per-frame mask handed to <see cref="Record"/>.</summary>
    public const byte Fresh = 255;
    public const byte Painted = 128;
    public const byte Reused = 0;

    private const double MaxScaleDrift = 1.25;

    private readonly int _margin;
    private readonly int _chromaShift;
    private readonly Rect _canvas;
    private readonly Mat[] _planes = new Mat[3];
    private Mat _seen;  // 255 where a real sample is (luma resolution)
    private Mat _known; // 255 where a real or painted sample is
    private Affine? _toCanvas;
    private bool _empty = true;

    public BackgroundMosaic(int width, int height, int chromaShift)
    {
        _chromaShift = chromaShift;
        _margin = (Math.Max(width, height) / 4) & ~1;
        _canvas = new Rect(0, 0, width + 2 * _margin, height + 2 * _margin);
        for (var p = 0; p < 3; p++)
            _planes[p] = new Mat(PlaneSize(p), MatType.CV_8UC1, Scalar.Black);
        _seen = new Mat(_canvas.Size, MatType.CV_8UC1, Scalar.Black);
        _known = new Mat(_canvas.Size, MatType.CV_8UC1, Scalar.Black);
    }

    /// <summary>Maps the current frame's luma pixels into the mosaic's; null while it holds nothing for this frame.</summary>
    public Affine? ToCanvas => _empty ? null : _toCanvas;

    public Mat Plane(int plane) => _planes[plane];

    public Mat Seen => _seen;

    public Mat Known => _known;

    /// <summary>Moves to the next frame: follows the camera, or forgets everything at a cut (no motion known).</summary>
    public void Follow(Affine? toPrevious)
    {
        if (_toCanvas is { } m && toPrevious is { } step)
        {
            _toCanvas = m.After(step);
            return;
        }
        _toCanvas = null;
        if (_empty) return;
        _seen.SetTo(Scalar.Black);
        _known.SetTo(Scalar.Black);
        _empty = true;
    }

    /// <summary>Keeps what the written frame (<paramref name="planes"/>) shows inside <paramref name="areas"/>:
    /// <see cref="Fresh"/> pixels of <paramref name="status"/> as real samples, <see cref="Painted"/> ones where the
    /// mosaic knows nothing yet.</summary>
    public void Record(IReadOnlyList<Mat> planes, Mat status, IReadOnlyList<Rect> areas)
    {
        if (areas.Count == 0) return;
        _toCanvas ??= Affine.Identity with { Tx = _margin, Ty = _margin };
        var toCanvas = _toCanvas.Value;
        if (!areas.All(a => Inside(Bounds(toCanvas, a))) || Math.Abs(Math.Log(toCanvas.Scale)) > Math.Log(MaxScaleDrift))
            toCanvas = Reanchor(toCanvas);

        var fromCanvas = toCanvas.Inverse();
        foreach (var area in areas)
        {
            var target = Even(Bounds(toCanvas, area) & _canvas);
            if (target.Width <= 0 || target.Height <= 0) continue;
            using var map = fromCanvas.FromOffset(target.X, target.Y).ToMat();
            using var state = new Mat();
            // Nearest for the status: a value between two statuses means nothing; outside the frame reads as Reused.
            Cv2.WarpAffine(status, state, map, target.Size, InterpolationFlags.Nearest | InterpolationFlags.WarpInverseMap, BorderTypes.Constant, Scalar.All(Reused));

            using var canvasSeen = new Mat(_seen, target);
            using var canvasKnown = new Mat(_known, target);
            using var fresh = new Mat();
            Cv2.Compare(state, Scalar.All(Fresh), fresh, CmpTypes.EQ);
            using var write = new Mat();
            Cv2.Compare(state, Scalar.All(Painted), write, CmpTypes.EQ);
            using var unknown = new Mat();
            Cv2.Compare(canvasKnown, Scalar.All(0), unknown, CmpTypes.EQ);
            Cv2.BitwiseAnd(write, unknown, write);
            Cv2.BitwiseOr(write, fresh, write);

            for (var p = 0; p < 3; p++)
            {
                var planeTarget = p == 0 ? target : Chroma(target);
                var planeMap = p == 0 ? fromCanvas : fromCanvas.ForChroma(_chromaShift);
                using var m = planeMap.FromOffset(planeTarget.X, planeTarget.Y).ToMat();
                using var image = new Mat();
                Cv2.WarpAffine(planes[p], image, m, planeTarget.Size, InterpolationFlags.Linear | InterpolationFlags.WarpInverseMap, BorderTypes.Replicate);
                using var where = new Mat();
                if (p == 0) write.CopyTo(where);
                else Cv2.Resize(write, where, planeTarget.Size, interpolation: InterpolationFlags.Nearest);
                using var canvasPlane = new Mat(_planes[p], planeTarget);
                image.CopyTo(canvasPlane, where);
            }
            Cv2.BitwiseOr(canvasSeen, fresh, canvasSeen);
            Cv2.BitwiseOr(canvasKnown, write, canvasKnown);
        }
        _toCanvas = toCanvas;
        _empty = false;
    }

    public void Dispose()
    {
        foreach (var plane in _planes) plane.Dispose();
        _seen.Dispose();
        _known.Dispose();
    }

    /// <summary>Makes the current frame the reference: the mosaic is resampled into its coordinates.</summary>
    private Affine Reanchor(Affine toCanvas)
    {
        var anchored = Affine.Identity with { Tx = _margin, Ty = _margin };
        if (_empty) return anchored;
        // new canvas -> frame -> old canvas
        var newToOld = toCanvas.After(anchored.Inverse());
        for (var p = 0; p < 3; p++)
            _planes[p] = Moved(_planes[p], p == 0 ? newToOld : newToOld.ForChroma(_chromaShift), PlaneSize(p), InterpolationFlags.Linear);
        _seen = Moved(_seen, newToOld, _canvas.Size, InterpolationFlags.Nearest);
        _known = Moved(_known, newToOld, _canvas.Size, InterpolationFlags.Nearest);
        return anchored;
    }

    private static Mat Moved(Mat old, Affine newToOld, Size size, InterpolationFlags interpolation)
    {
        using var map = newToOld.ToMat();
        var moved = new Mat();
        Cv2.WarpAffine(old, moved, map, size, interpolation | InterpolationFlags.WarpInverseMap, BorderTypes.Constant, Scalar.All(0));
        old.Dispose();
        return moved;
    }

    private Size PlaneSize(int plane) => plane == 0 ? _canvas.Size : new Size(_canvas.Width >> _chromaShift, _canvas.Height >> _chromaShift);

    private Rect Chroma(Rect r) => new(r.X >> _chromaShift, r.Y >> _chromaShift, r.Width >> _chromaShift, r.Height >> _chromaShift);

    private Rect Even(Rect r) => _chromaShift == 0 ? r : Detection.TextFootprint.Even(r, _canvas.Width, _canvas.Height);

    private bool Inside(Rect r) => r.X >= 0 && r.Y >= 0 && r.Right <= _canvas.Width && r.Bottom <= _canvas.Height;

    private static Rect Bounds(Affine m, Rect r)
    {
        double[] xs = [r.Left, r.Right, r.Left, r.Right];
        double[] ys = [r.Top, r.Top, r.Bottom, r.Bottom];
        var px = xs.Select((x, i) => m.A * x + m.B * ys[i] + m.Tx).ToArray();
        var py = xs.Select((x, i) => m.C * x + m.D * ys[i] + m.Ty).ToArray();
        var x0 = (int)Math.Floor(px.Min()) - 1;
        var y0 = (int)Math.Floor(py.Min()) - 1;
        return new Rect(x0, y0, (int)Math.Ceiling(px.Max()) + 1 - x0, (int)Math.Ceiling(py.Max()) + 1 - y0);
    }
}
