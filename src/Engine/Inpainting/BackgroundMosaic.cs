using OpenCvSharp;

namespace Vtis.Engine.Inpainting;

/// <summary>
/// What the camera has shown of the background around the text, kept in the coordinates of one reference frame
/// (a mosaic), so that a pixel seen once can fill the text's place many frames later.
/// </summary>
/// <remarks>
/// Each sample is resampled twice, once in and once out, however long it is kept: carrying the previous cleaned
/// frame forward instead would resample it once per frame, and a second of that blurs every edge. Pixels are
/// written only from the frame itself or from other real frames (never what the mosaic itself gave), so nothing
/// loops. Painted pixels (spatial inpainting) are kept too, below real ones, so the painting moves with the scene
/// instead of flickering. At a cut, or when the camera has moved far from the reference, the mosaic starts again
/// from the current frame (after a cut) or is moved to it (one resample).
/// </remarks>
internal sealed class BackgroundMosaic : IDisposable
{
    /// <summary>Status values of the per-frame mask handed to <see cref="Record"/>.</summary>
    public const byte Fresh = 255;
    public const byte Painted = 128;
    public const byte Reused = 0;

    private const double MaxScaleDrift = 1.25;

    private readonly int _margin;
    private readonly Rect _canvas;
    private Mat _image;
    private Mat _seen;  // 255 where a real sample is
    private Mat _known; // 255 where a real or painted sample is
    private Affine? _toCanvas;
    private bool _empty = true;

    public BackgroundMosaic(int width, int height)
    {
        _margin = Math.Max(width, height) / 4;
        _canvas = new Rect(0, 0, width + 2 * _margin, height + 2 * _margin);
        _image = new Mat(_canvas.Size, MatType.CV_8UC3, Scalar.Black);
        _seen = new Mat(_canvas.Size, MatType.CV_8UC1, Scalar.Black);
        _known = new Mat(_canvas.Size, MatType.CV_8UC1, Scalar.Black);
    }

    /// <summary>Maps the current frame's pixels into the mosaic; null while it holds nothing for this frame.</summary>
    public Affine? ToCanvas => _empty ? null : _toCanvas;

    public Mat Image => _image;

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

    /// <summary>Keeps what <paramref name="frame"/> (the current frame as written) shows inside <paramref name="areas"/>:
    /// <see cref="Fresh"/> pixels of <paramref name="status"/> as real samples, <see cref="Painted"/> ones where the
    /// mosaic knows nothing yet.</summary>
    public void Record(Mat frame, Mat status, IReadOnlyList<Rect> areas)
    {
        if (areas.Count == 0) return;
        _toCanvas ??= Affine.Identity with { Tx = _margin, Ty = _margin };
        var toCanvas = _toCanvas.Value;
        if (!areas.All(a => Inside(Bounds(toCanvas, a))) || Math.Abs(Math.Log(toCanvas.Scale)) > Math.Log(MaxScaleDrift))
            toCanvas = Reanchor(toCanvas);

        var fromCanvas = toCanvas.Inverse();
        foreach (var area in areas)
        {
            var target = Bounds(toCanvas, area) & _canvas;
            if (target.Width <= 0 || target.Height <= 0) continue;
            using var map = fromCanvas.FromOffset(target.X, target.Y).ToMat();
            using var image = new Mat();
            using var state = new Mat();
            Cv2.WarpAffine(frame, image, map, target.Size, InterpolationFlags.Linear | InterpolationFlags.WarpInverseMap, BorderTypes.Replicate);
            // Nearest for the status: a value between two statuses means nothing; outside the frame reads as Reused.
            Cv2.WarpAffine(status, state, map, target.Size, InterpolationFlags.Nearest | InterpolationFlags.WarpInverseMap, BorderTypes.Constant, Scalar.All(Reused));

            using var canvasImage = new Mat(_image, target);
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

            image.CopyTo(canvasImage, write);
            Cv2.BitwiseOr(canvasSeen, fresh, canvasSeen);
            Cv2.BitwiseOr(canvasKnown, write, canvasKnown);
        }
        _toCanvas = toCanvas;
        _empty = false;
    }

    public void Dispose()
    {
        _image.Dispose();
        _seen.Dispose();
        _known.Dispose();
    }

    /// <summary>Makes the current frame the reference: the mosaic is resampled into its coordinates.</summary>
    private Affine Reanchor(Affine toCanvas)
    {
        var anchored = Affine.Identity with { Tx = _margin, Ty = _margin };
        if (_empty) return anchored;
        // new canvas -> frame -> old canvas
        using var map = toCanvas.After(anchored.Inverse()).ToMat();
        _image = Moved(_image, map, InterpolationFlags.Linear);
        _seen = Moved(_seen, map, InterpolationFlags.Nearest);
        _known = Moved(_known, map, InterpolationFlags.Nearest);
        return anchored;
    }

    private Mat Moved(Mat old, Mat newToOld, InterpolationFlags interpolation)
    {
        var moved = new Mat();
        Cv2.WarpAffine(old, moved, newToOld, _canvas.Size, interpolation | InterpolationFlags.WarpInverseMap, BorderTypes.Constant, Scalar.All(0));
        old.Dispose();
        return moved;
    }

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
