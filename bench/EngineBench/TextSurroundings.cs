using OpenCvSharp;

namespace Vtis.EngineBench;

/// <summary>
/// The regions around one frame's text: the ring (pixels within 8 px of text but not text, where halos and seams
/// show) and, by complement, the outside (farther than 8 px from any text, where the engine should change nothing).
/// The text is dilated by a disc only over its bounding box grown by the ring's width, and only that area is cleared
/// for the next frame.
/// </summary>
internal sealed class TextSurroundings : IDisposable
{
    public const int RingWidth = 8;

    private readonly Mat _disc = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(2 * RingWidth + 1, 2 * RingWidth + 1));

    public TextSurroundings(int width, int height)
    {
        Near = new Mat(height, width, MatType.CV_8UC1, Scalar.All(0));
        Ring = new Mat(height, width, MatType.CV_8UC1, Scalar.All(0));
    }

    /// <summary>255 on text and ring pixels: everything not outside.</summary>
    public Mat Near { get; }

    /// <summary>255 on ring pixels only.</summary>
    public Mat Ring { get; }

    /// <summary>Where <see cref="Near"/> may be set (empty when the frame has no text).</summary>
    public Rect Bounds { get; private set; }

    public void Update(TextMask text)
    {
        if (Bounds.Width > 0)
        {
            using var near = new Mat(Near, Bounds);
            using var ring = new Mat(Ring, Bounds);
            near.SetTo(Scalar.All(0));
            ring.SetTo(Scalar.All(0));
        }

        Bounds = text.TextPixels == 0 ? default : Grow(text.Bounds, RingWidth, Near.Width, Near.Height);
        if (Bounds.Width == 0) return;
        using var textArea = new Mat(text.Binary, Bounds);
        using var nearArea = new Mat(Near, Bounds);
        using var ringArea = new Mat(Ring, Bounds);
        Cv2.Dilate(textArea, nearArea, _disc);
        Cv2.Subtract(nearArea, textArea, ringArea);
    }

    /// <summary><paramref name="box"/> grown by <paramref name="margin"/> on every side, kept inside the frame.</summary>
    public static Rect Grow(Rect box, int margin, int width, int height)
    {
        var x0 = Math.Max(0, box.Left - margin);
        var y0 = Math.Max(0, box.Top - margin);
        var x1 = Math.Min(width, box.Right + margin);
        var y1 = Math.Min(height, box.Bottom + margin);
        return new Rect(x0, y0, x1 - x0, y1 - y0);
    }

    public void Dispose()
    {
        _disc.Dispose();
        Near.Dispose();
        Ring.Dispose();
    }
}
