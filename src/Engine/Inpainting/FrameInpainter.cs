using OpenCvSharp;

namespace Vtis.Engine.Inpainting;

/// <summary>Fills a frame's text boxes from what other frames show of the same spot, aligned for camera motion:
/// the next and previous frames, then a memory of everything seen so far, then the frames further ahead. Only what
/// no frame shows is painted spatially (Telea, on the cropped region), and a feathered edge hides the seam.</summary>
/// <remarks>The memory is the previous cleaned frame plus a mask of which of its pixels were really seen (not
/// painted): carried forward frame by frame, it holds background from arbitrarily far back for the cost of one
/// warp of the text region per frame, where a window of frames would need one frame of memory per frame of reach.</remarks>
internal sealed class FrameInpainter(InpaintMethod method, int windowRadius)
{
    private const int Band = 4;
    private static readonly int[] AheadDistances = [1, 2, 4, 6, 9, 12, 16, 20, 25, 30];
    private static readonly Mat DilateKernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(2 * Band + 1, 2 * Band + 1));

    /// <summary>Writes the cleaned <paramref name="target"/> into <paramref name="output"/> and marks in
    /// <paramref name="status"/> where each pixel came from (<see cref="BackgroundMosaic.Fresh"/>: the frame itself
    /// or another real frame; <see cref="BackgroundMosaic.Reused"/>: the mosaic; <see cref="BackgroundMosaic.Painted"/>:
    /// spatial inpainting), for the mosaic to keep.</summary>
    /// <param name="window">Frames around the target, in index order, with their motion and boxes known.</param>
    /// <param name="mosaic">Background seen so far, following the camera up to the target.</param>
    public void Clean(FrameSlot target, IReadOnlyList<FrameSlot> window, BackgroundMosaic? mosaic, Mat output, Mat status)
    {
        target.Image.CopyTo(output);
        status.SetTo(Scalar.All(BackgroundMosaic.Fresh));
        if (!target.HasText) return;

        // Each group of nearby boxes is filled on its own crop: a caption at the top and a subtitle at the bottom
        // must not make every step work on the whole frame between them.
        foreach (var region in Regions(target.Boxes!, Band + 2, target.Image.Width, target.Image.Height))
        {
            if (method == InpaintMethod.PerFrameTelea)
            {
                using var src = new Mat(target.Image, region);
                using var mask = new Mat(target.Mask, region);
                using var dst = new Mat(output, region);
                Cv2.Inpaint(src, mask, dst, 3, InpaintTypes.Telea);
            }
            else
            {
                CleanRegion(target, window, mosaic, output, status, region);
            }
        }
    }

    private void CleanRegion(FrameSlot target, IReadOnlyList<FrameSlot> window, BackgroundMosaic? mosaic, Mat output, Mat status, Rect region)
    {
        using var core = new Mat(target.Mask, region);
        using var remaining = new Mat();
        Cv2.Dilate(core, remaining, DilateKernel);
        using var need = remaining.Clone();
        using var fill = new Mat(region.Size, MatType.CV_8UC3, Scalar.Black);
        var sources = new FillSources(target, window, windowRadius, fill, remaining, region);

        sources.Past(1);
        // Frames ahead at growing distances: each shows a little more of what the text hides; near ones look alike.
        foreach (var d in AheadDistances)
            if (d > windowRadius || !sources.Future(d)) break;

        // What no frame in reach shows: background seen earlier, then earlier painting (keeps it steady), then Telea.
        using var notFresh = remaining.Clone();
        if (!sources.Done && mosaic?.ToCanvas is { } toCanvas)
        {
            sources.FromMosaic(mosaic.Image, mosaic.Seen, toCanvas);
            if (!sources.Done) sources.FromMosaic(mosaic.Image, mosaic.Known, toCanvas);
        }
        using var painted = remaining.Clone();
        if (!sources.Done)
            FillSpatially(target.Image, region, fill, need, remaining);

        using var statusRegion = new Mat(status, region);
        statusRegion.SetTo(Scalar.All(BackgroundMosaic.Reused), notFresh);
        statusRegion.SetTo(Scalar.All(BackgroundMosaic.Painted), painted);
        Blend(output, region, fill, core, need);
    }


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

    private static unsafe void Blend(Mat output, Rect region, Mat fill, Mat core, Mat need)
    {
        // Weight 255 on the text, falling to 0 across the band around it, never outside what was filled.
        using var weight = new Mat();
        Cv2.GaussianBlur(core, weight, new Size(2 * Band + 1, 2 * Band + 1), 0);
        Cv2.Min(weight, need, weight);
        Cv2.Max(weight, core, weight);
        using var dst = new Mat(output, region);
        for (var y = 0; y < region.Height; y++)
        {
            var w = new ReadOnlySpan<byte>((byte*)weight.Ptr(y), region.Width);
            var f = new ReadOnlySpan<byte>((byte*)fill.Ptr(y), region.Width * 3);
            var d = new Span<byte>((byte*)dst.Ptr(y), region.Width * 3);
            for (var x = 0; x < w.Length; x++)
            {
                int a = w[x];
                if (a == 0) continue;
                if (a == 255)
                {
                    f.Slice(3 * x, 3).CopyTo(d.Slice(3 * x, 3));
                    continue;
                }
                for (var c = 3 * x; c < 3 * x + 3; c++)
                    d[c] = (byte)((f[c] * a + d[c] * (255 - a) + 127) / 255);
            }
        }
    }

    /// <summary>The boxes grown by <paramref name="margin"/> and grouped until no two groups' rectangles overlap.</summary>
    internal static List<Rect> Regions(IReadOnlyList<PixelBox> boxes, int margin, int width, int height)
    {
        var frame = new Rect(0, 0, width, height);
        var regions = boxes.Select(b => new Rect(b.X - margin, b.Y - margin, b.Width + 2 * margin, b.Height + 2 * margin) & frame)
            .Where(r => r.Width > 0 && r.Height > 0).ToList();
        for (var merged = true; merged;)
        {
            merged = false;
            for (var a = 0; a < regions.Count && !merged; a++)
                for (var b = a + 1; b < regions.Count; b++)
                {
                    if (!regions[a].IntersectsWith(regions[b])) continue;
                    regions[a] |= regions[b];
                    regions.RemoveAt(b);
                    merged = true;
                    break;
                }
        }
        return regions;
    }
}
