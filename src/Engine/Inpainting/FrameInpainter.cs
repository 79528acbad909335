using OpenCvSharp;

namespace Vtis.Engine.Inpainting;

/// <summary>Fills a frame's text boxes from what other frames show of the same spot, aligned for camera motion:
/// the next and previous frames, then a memory of everything seen so far, then the frames further ahead. Only what
/// no frame shows is painted spatially (Telea, on the cropped region), and a feathered edge hides the seam.</summary>
/// <remarks>The memory is the previous cleaned frame plus a mask of which of its pixels were really seen (not
/// painted): carried forward frame by frame, it holds background from arbitrarily far back for the cost of one
/// warp of the text region per frame, where a window of frames would need one frame of memory per frame of reach.</remarks>
internal sealed class FrameInpainter(InpaintMethod method, int windowRadius) : IDisposable
{
    private readonly UniformMasks _blanks = new();

    private const int Band = 4;
    private static readonly int[] AheadDistances = [1, 2, 4, 6, 9, 12, 16, 20, 25, 30];
    private static readonly Mat DilateKernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(2 * Band + 1, 2 * Band + 1));

    /// <summary>Writes the cleaned <paramref name="target"/> into <paramref name="output"/> and marks in
    /// <paramref name="seen"/> (255) the pixels that show real background, for the next frame's memory.</summary>
    /// <param name="window">Frames around the target, in index order, with their motion and boxes known.</param>
    /// <param name="memory">The previous cleaned frame and its seen-mask, or null at the start.</param>
    public void Clean(FrameSlot target, IReadOnlyList<FrameSlot> window, (Mat Image, Mat Seen)? memory, Mat output, Mat seen)
    {
        target.Image.CopyTo(output);
        seen.SetTo(Scalar.White);
        if (!target.HasText) return;

        var region = Bounds(target.Boxes!, Band + 2, target.Image.Width, target.Image.Height);
        if (method == InpaintMethod.PerFrameTelea)
        {
            using var src = new Mat(target.Image, region);
            using var mask = new Mat(target.Mask, region);
            using var dst = new Mat(output, region);
            Cv2.Inpaint(src, mask, dst, 3, InpaintTypes.Telea);
            return;
        }

        using var core = new Mat(target.Mask, region);
        using var remaining = new Mat();
        Cv2.Dilate(core, remaining, DilateKernel);
        using var need = remaining.Clone();
        using var fill = new Mat(region.Size, MatType.CV_8UC3, Scalar.Black);
        var sources = new FillSources(target, window, windowRadius, fill, remaining, region, _blanks);

        sources.Past(1);
        // Frames ahead at growing distances: each shows a little more of what the text hides; near ones look alike.
        foreach (var d in AheadDistances)
            if (d > windowRadius || !sources.Future(d)) break;
        if (!sources.Done && memory is { } m && target.ToPrevious is { } toPrevious)
            sources.From(m.Image, m.Seen, invalidWhere: 0, toPrevious);

        // What no frame showed: the previous cleaned frame (keeps earlier painting steady), then Telea.
        using var painted = remaining.Clone();
        if (memory is { } last && target.ToPrevious is { } step && Cv2.CountNonZero(remaining) > 0)
            sources.From(last.Image, null, invalidWhere: 255, step);
        if (Cv2.CountNonZero(remaining) > 0)
            FillSpatially(target.Image, region, fill, need, remaining);

        using var seenRegion = new Mat(seen, region);
        seenRegion.SetTo(Scalar.Black, painted);
        Blend(output, region, fill, core, need);
    }

    public void Dispose() => _blanks.Dispose();

    private static void FillSpatially(Mat image, Rect region, Mat fill, Mat need, Mat remaining)
    {
        // Telea sees the frame with what is already filled, so the last holes continue their surroundings.
        using var context = new Mat(image, region).Clone();
        using var known = new Mat();
        Cv2.Subtract(need, remaining, known);
        fill.CopyTo(context, known);
        using var painted = new Mat();
        Cv2.Inpaint(context, remaining, painted, 3, InpaintTypes.Telea);
        painted.CopyTo(fill, remaining);
        remaining.SetTo(Scalar.Black);
    }

    private static void Blend(Mat output, Rect region, Mat fill, Mat core, Mat need)
    {
        // Weight 1 on the text, falling to 0 across the band around it.
        using var weight = new Mat();
        core.ConvertTo(weight, MatType.CV_32FC1, 1 / 255.0);
        using var soft = new Mat();
        Cv2.GaussianBlur(weight, soft, new Size(2 * Band + 1, 2 * Band + 1), 0);
        using var inBand = new Mat();
        need.ConvertTo(inBand, MatType.CV_32FC1, 1 / 255.0);
        Cv2.Min(soft, inBand, soft);
        Cv2.Max(soft, weight, soft);
        using var rest = new Mat();
        Cv2.Subtract(Scalar.All(1), soft, rest);
        using var dst = new Mat(output, region);
        using var original = dst.Clone();
        Cv2.BlendLinear(fill, original, soft, rest, dst);
    }

    private static Rect Bounds(IReadOnlyList<PixelBox> boxes, int margin, int width, int height)
    {
        var x0 = Math.Max(0, boxes.Min(b => b.X) - margin);
        var y0 = Math.Max(0, boxes.Min(b => b.Y) - margin);
        var x1 = Math.Min(width, boxes.Max(b => b.Right) + margin);
        var y1 = Math.Min(height, boxes.Max(b => b.Bottom) + margin);
        return new Rect(x0, y0, x1 - x0, y1 - y0);
    }
}
