using OpenCvSharp;

namespace Vtis.Engine.Detection;

/// <summary>
/// Watermarks and logos that stay put while the picture moves under them, found by temporal analysis whether or not
/// the detector reads them as text: between two sampled frames, an overlay's edges stay where they are, while the
/// picture's edges go where the camera takes them. Each pixel keeps two running sums: how much its gradient changes
/// if nothing moved, and how much if it followed the camera. Where the first is clearly smaller, and the edge is
/// strong, the pixel is an overlay's edge, even for a translucent overlay (its pixels change with what is behind it;
/// its edges do not). An edge of the picture that lies along the camera's motion stays put too, but the camera
/// explains it just as well, so it does not count.
/// </summary>
/// <remarks>
/// Sampled frames (every <see cref="Every"/>-th, at the motion tracker's size) feed decaying sums, so an overlay that
/// appears or goes away later is found or dropped within seconds. With a still camera (or across a cut) both sums
/// agree and nothing is found. Edges are joined into regions (closing, holes filled) and grown for soft edges; a
/// region stays once found until its evidence fades well below what found it, so masks do not flicker.
/// </remarks>
internal sealed class StaticOverlays : IDisposable
{
    /// <summary>Frames between samples.</summary>
    public const int Every = 6;

    /// <summary>Weight of the past per sample (about 33 samples, seven seconds at 30 fps, count).</summary>
    private const float Decay = 0.97f;

    /// <summary>Samples before anything is decided.</summary>
    private const int MinSamples = 8;

    /// <summary>Samples between decisions.</summary>
    private const int DecideEvery = 4;

    /// <summary>How much better stillness must explain an edge than the camera (per unit of edge strength) for it to
    /// become an overlay's, and below which a found one is dropped.</summary>
    private const float Found = 0.5f;

    private const float Kept = 0.25f;

    /// <summary>Weakest mean edge (Sobel, tracker size) that counts.</summary>
    private const float MinEdge = 16f;

    private const int Grow = 3;

    private readonly int _width;
    private readonly int _height;
    private readonly double _scale;
    private Mat? _previous;
    private Mat? _previousGx;
    private Mat? _previousGy;
    private Mat? _still;     // sum of |gradient change| if nothing moved
    private Mat? _followed;  // sum of |gradient change| along the camera
    private Mat? _strength;  // sum of gradient length
    private Mat? _state;
    private float _weight;
    private int _samples;
    private readonly Queue<OverlaySnapshot> _snapshots = new();

    public StaticOverlays(int width, int height)
    {
        (_width, _height) = (width, height);
        _scale = Inpainting.MotionEstimator.AnalysisScale(width);
        Current = OverlaySnapshot.None;
    }

    /// <summary>The overlays as last decided (no overlay until enough frames are seen).</summary>
    public OverlaySnapshot Current { get; private set; }

    /// <summary>Adds a frame's brightness (call for frames whose index is a multiple of <see cref="Every"/>) with the
    /// text the detector found in it: that text is the detector's to remove, so it is no evidence of an overlay here
    /// (a subtitle stays put for seconds too). <paramref name="toPrevious"/> maps the frame's pixels to the previous
    /// sample's when the camera's poses already tell; otherwise it is measured here.</summary>
    public void Add(Mat grey, IReadOnlyList<PixelBox> text, Inpainting.Affine? toPrevious = null)
    {
        var small = Inpainting.MotionEstimator.Analysis(grey);
        var gx = new Mat();
        var gy = new Mat();
        Cv2.Sobel(small, gx, MatType.CV_32F, 1, 0);
        Cv2.Sobel(small, gy, MatType.CV_32F, 0, 1);
        var motion = toPrevious?.Rescaled(1 / _scale);
        if (_previous is not null && (motion ?? Inpainting.MotionEstimator.Estimate(_previous, small, text, text, _scale)) is { } step)
            Compare(gx, gy, step, text);
        _previous?.Dispose();
        _previousGx?.Dispose();
        _previousGy?.Dispose();
        (_previous, _previousGx, _previousGy) = (small, gx, gy);
    }

    private void Compare(Mat gx, Mat gy, Inpainting.Affine toPrevious, IReadOnlyList<PixelBox> text)
    {
        var size = gx.Size();
        _still ??= new Mat(size, MatType.CV_32FC1, Scalar.Black);
        _followed ??= new Mat(size, MatType.CV_32FC1, Scalar.Black);
        _strength ??= new Mat(size, MatType.CV_32FC1, Scalar.Black);
        _state ??= new Mat(size, MatType.CV_8UC1, Scalar.Black);
        using var map = toPrevious.ToMat();
        using var fx = new Mat();
        using var fy = new Mat();
        Cv2.WarpAffine(_previousGx!, fx, map, size, InterpolationFlags.Linear | InterpolationFlags.WarpInverseMap, BorderTypes.Replicate);
        Cv2.WarpAffine(_previousGy!, fy, map, size, InterpolationFlags.Linear | InterpolationFlags.WarpInverseMap, BorderTypes.Replicate);
        var still = Change(gx, gy, _previousGx!, _previousGy!);
        var followed = Change(gx, gy, fx, fy);
        // Where the detector saw text, along the frame's edges, and where the camera brings in what the previous sample
        // did not show (resampling repeats its border there), nothing is learnt: both hypotheses get the same.
        using (var ignore = Ignored(size, text, map))
            still.CopyTo(followed, ignore);
        Accumulate(_still, still);
        Accumulate(_followed, followed);
        using var length = new Mat();
        Cv2.Magnitude(gx, gy, length);
        Accumulate(_strength, length.Clone());
        _weight = _weight * Decay + 1;
        if (++_samples >= MinSamples && _samples % DecideEvery == 0) Decide();
    }

    private Mat Ignored(Size size, IReadOnlyList<PixelBox> text, Mat toPrevious)
    {
        using var inside = new Mat(size, MatType.CV_8UC1, Scalar.Black);
        inside[new Rect(Border, Border, size.Width - 2 * Border, size.Height - 2 * Border)].SetTo(Scalar.White);
        var ignore = new Mat();
        Cv2.WarpAffine(inside, ignore, toPrevious, size, InterpolationFlags.Nearest | InterpolationFlags.WarpInverseMap, BorderTypes.Constant, Scalar.Black);
        Cv2.BitwiseAnd(ignore, inside, ignore);
        Cv2.BitwiseNot(ignore, ignore);
        foreach (var box in text)
            Cv2.Rectangle(ignore, new Rect((int)(box.X * _scale) - Border, (int)(box.Y * _scale) - Border,
                (int)(box.Width * _scale) + 2 * Border, (int)(box.Height * _scale) + 2 * Border), Scalar.White, -1);
        return ignore;
    }

    /// <summary>Tracker pixels ignored along the frame's edges and around text.</summary>
    private const int Border = 4;

    private static Mat Change(Mat gx, Mat gy, Mat ox, Mat oy)
    {
        using var dx = new Mat();
        using var dy = new Mat();
        Cv2.Absdiff(gx, ox, dx);
        Cv2.Absdiff(gy, oy, dy);
        var sum = new Mat();
        Cv2.Add(dx, dy, sum);
        return sum;
    }

    private static void Accumulate(Mat total, Mat part)
    {
        Cv2.AddWeighted(total, Decay, part, 1, 0, total);
        part.Dispose();
    }

    private void Decide()
    {
        using var advantage = new Mat();
        Cv2.Subtract(_followed!, _still!, advantage);
        using var strength = new Mat();
        _strength!.ConvertTo(strength, MatType.CV_32F, 1.0 / _weight);
        using var scaled = new Mat();
        _strength.ConvertTo(scaled, MatType.CV_32F, 1, _weight);
        Cv2.Divide(advantage, scaled, advantage);
        using var strong = Above(strength, MinEdge);
        using var found = Above(advantage, Found);
        using var kept = Above(advantage, Kept);
        Cv2.BitwiseAnd(found, strong, found);
        var state = _state!;
        Cv2.BitwiseAnd(state, kept, state);
        Cv2.BitwiseOr(state, found, state);
        Publish();
    }

    private static Mat Above(Mat values, float threshold)
    {
        var above = new Mat();
        Cv2.Threshold(values, above, threshold, 255, ThresholdTypes.Binary);
        above.ConvertTo(above, MatType.CV_8U);
        return above;
    }

    /// <summary>Turns the edges into pieces (strokes closed, specks dropped) at full size and makes them the current
    /// snapshot. Holes are not filled: a line of subtitles found here too (it stays put while it shows) must keep the
    /// background between its letters, and a translucent box's inside has no edges to find.</summary>
    private void Publish()
    {
        using var closed = new Mat();
        Cv2.MorphologyEx(_state!, closed, MorphTypes.Close, Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(5, 5)));
        using var labels = new Mat();
        using var stats = new Mat();
        using var centroids = new Mat();
        var count = Cv2.ConnectedComponentsWithStats(closed, labels, stats, centroids);
        for (var i = 1; i < count; i++)
            if (stats.At<int>(i, (int)ConnectedComponentsTypes.Area) < MinPiece)
            {
                using var piece = new Mat();
                Cv2.Compare(labels, Scalar.All(i), piece, CmpTypes.EQ);
                closed.SetTo(Scalar.Black, piece);
            }
        var full = new Mat();
        Cv2.Resize(closed, full, new Size(_width, _height), interpolation: InterpolationFlags.Nearest);
        Cv2.Dilate(full, full, Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(2 * Grow + 1, 2 * Grow + 1)));
        Current = OverlaySnapshot.Of(full);
        // Frames in the window keep the snapshot they were planned with; older ones go.
        _snapshots.Enqueue(Current);
        while (_snapshots.Count > 16) _snapshots.Dequeue().Dispose();
    }

    /// <summary>Smallest piece of overlay edges kept (tracker pixels).</summary>
    private const int MinPiece = 12;

    public void Dispose()
    {
        foreach (var m in new[] { _previous, _previousGx, _previousGy, _still, _followed, _strength, _state }) m?.Dispose();
        while (_snapshots.Count > 0) _snapshots.Dequeue().Dispose();
    }
}

/// <summary>The static overlays decided at one moment: their mask (255, full size) and bounding boxes.</summary>
internal sealed class OverlaySnapshot : IDisposable
{
    private OverlaySnapshot(Mat? mask, IReadOnlyList<PixelBox> boxes)
    {
        Mask = mask;
        Boxes = boxes;
    }

    public static OverlaySnapshot None { get; } = new(null, []);

    public Mat? Mask { get; }

    public IReadOnlyList<PixelBox> Boxes { get; }

    public static OverlaySnapshot Of(Mat mask)
    {
        Cv2.FindContours(mask, out var contours, out _, RetrievalModes.External, ContourApproximationModes.ApproxSimple);
        var boxes = contours.Select(Cv2.BoundingRect).Select(r => new PixelBox(r.X, r.Y, r.Width, r.Height)).ToList();
        if (boxes.Count > 0) return new OverlaySnapshot(mask, boxes);
        mask.Dispose();
        return None;
    }

    public void Dispose()
    {
        if (!ReferenceEquals(this, None)) Mask?.Dispose();
    }
}
