using OpenCvSharp;
using Vtis.Engine.Inpainting;

namespace Vtis.Engine.Detection;

/// <summary>
/// Which pixels of a frame's text boxes are text: burned-in text stays where it is while the picture behind it moves,
/// so a pixel whose colour stays the same over the frames just before it, or just after it, belongs to the text
/// (glyph, outline, shadow); the rest of the box is background and is left alone. Video OCR has used this since the
/// nineties ("multi-frame integration"); here it decides what gets filled. Each side is judged on its own because a
/// line may start or end within reach: one side then shows something else, the other still agrees. Text that moves
/// (credits, a ticker) is followed: the samples are taken where it then stands.
/// </summary>
/// <remarks>"Still" is relative to how much the background around the box changes over the same samples, so a
/// low-contrast texture that moves only a little (grass, water) does not pass for text. When the background does not
/// move either (a still camera), nothing tells text from background this way and the whole box is filled. The mask
/// is grown by <see cref="Grow"/> pixels for the glyphs' soft edges and the codec's ringing around them.</remarks>
internal static class TextFootprint
{
    /// <summary>Frames between samples, and how many samples each side.</summary>
    public const int Step = 3;

    public const int SamplesPerSide = 4;

    /// <summary>Frames a footprint looks ahead (the engine must have read them).</summary>
    public const int Reach = Step * SamplesPerSide;

    /// <summary>Without the camera's motion: median change of the background around a box (its ring) below which it
    /// counts as not moving.</summary>
    private const int MovingBackground = 10;

    /// <summary>A text pixel changes by at most this share of the background's median change, by no less than
    /// <see cref="MinStill"/> (the codec's noise on sharp edges) and no more than <see cref="MaxStill"/>.</summary>
    private const double StillShareOfBackground = 0.35;

    private const int MinStill = 6;

    private const int MaxStill = 20;

    /// <summary>A box with less still than this is not still text (it moves, or flickers): it is filled whole.</summary>
    private const double MinStillShare = 0.04;

    private const int Grow = 3;

    private static readonly Mat GrowKernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(2 * Grow + 1, 2 * Grow + 1));

    /// <summary>The marks of <paramref name="frame"/> (its boxes must be planned); <paramref name="slotAt"/> gives the
    /// frames around it that are in the window, or null.</summary>
    public static FrameMarks Measure(FrameSlot frame, Func<int, FrameSlot?> slotAt, Func<int, int, Affine?> camera, int chromaShift)
    {
        if (!frame.HasText) return FrameMarks.None;
        var (width, height) = (frame.Grey.Width, frame.Grey.Height);
        var tiles = new List<MarkTile>();
        var blends = new List<Blend>();
        var textBoxes = frame.Boxes!.Count - frame.OverlayBoxes;
        for (var b = textBoxes; b < frame.Boxes.Count; b++)
            tiles.Add(OverlayTile(frame.Overlay!, frame.Boxes[b], width, height, chromaShift));
        for (var b = 0; b < textBoxes; b++)
        {
            var box = frame.Boxes[b];
            var motion = frame.Motions is { } motions && b < motions.Count ? motions[b] : default;
            // Room around the line for its outline, shadow and a box drawn behind it.
            var margin = Math.Max(24, box.Height * 3 / 5);
            var area = Even(new Rect(box.X - margin, box.Y - margin, box.Width + 2 * margin, box.Height + 2 * margin), width, height);
            var inner = new Rect(box.X - area.X, box.Y - area.Y, box.Width, box.Height) & new Rect(0, 0, area.Width, area.Height);
            var past = Samples(frame, slotAt, camera, -1, box, motion);
            var future = Samples(frame, slotAt, camera, +1, box, motion);
            var text = new Mat(area.Size, MatType.CV_8UC1, Scalar.Black);
            var found = Classify(frame, past, future, area, inner, chromaShift);
            var whole = found is not { } classified || StillShare(classified.Text, inner) < MinStillShare;
            if (whole)
                text[inner].SetTo(Scalar.All(FrameMarks.Text));
            else
            {
                var (seeds, calm) = found!.Value;
                // Outlines and shadows may stand a little outside the detector's box: pieces that reach into the box
                // are followed out by up to a fifth of its height.
                var grow = Math.Max(4, inner.Height / 5);
                var reach = new Rect(inner.X - grow, inner.Y - grow, inner.Width + 2 * grow, inner.Height + 2 * grow) & new Rect(0, 0, area.Width, area.Height);
                using (var inReach = new Mat(seeds, reach))
                using (var target = new Mat(text, reach))
                    WithoutSpecks(inReach, target, new Rect(inner.X - reach.X, inner.Y - reach.Y, inner.Width, inner.Height));
                if (calm is not null)
                    using (var planes = AreaPlanes(frame, area, chromaShift))
                    using (var inBox = new Mat(calm, inner))
                    using (var textInBox = new Mat(text, inner))
                    using (var y = new Mat(planes[0], inner))
                    using (var u = new Mat(planes[1], inner))
                    using (var v = new Mat(planes[2], inner))
                        TextPalette.Extend(textInBox, inBox, y, u, v);
                seeds.Dispose();
                calm?.Dispose();
            }
            var behind = Behind(frame, [.. past, .. future], area, text, chromaShift);
            // A whole box has straight edges across the picture, whose codec ringing reaches farther than a glyph's.
            Cv2.Dilate(text, text, GrowKernel, iterations: whole ? 2 : 1);
            if (behind is { } translucent)
            {
                blends.Add(translucent.Blend);
                Layer(text, translucent.Box, (byte)blends.Count);
            }
            tiles.Add(new MarkTile(area, text, chromaShift));
        }
        return new FrameMarks(tiles, blends);
    }

    /// <summary>A translucent box behind the text, measured over the frame and its samples.</summary>
    private static (Rect Box, Blend Blend)? Behind(FrameSlot frame, List<Sample> samples, Rect area, Mat text, int chromaShift)
    {
        var glyphs = Cv2.BoundingRect(text);
        var views = samples.Where(s => s.ToSample is not null)
            .Select(s => new TranslucentBox.View(s.Frame, s.Dx, s.Dy, s.ToSample!.Value)).ToList();
        if (glyphs.Width == 0 || views.Count < 2) return null;
        using var mean = Mean(frame, samples, area);
        return TranslucentBox.Find(frame, views, area, mean, glyphs, text, chromaShift);
    }

    /// <summary>Each pixel's mean over the frame and the samples (where the text then stands).</summary>
    private static Mat Mean(FrameSlot frame, List<Sample> samples, Rect area)
    {
        using var sum = new Mat(area.Size, MatType.CV_16UC1, Scalar.Black);
        using var value = new Mat();
        using (var self = new Mat(frame.Grey, area))
            Add(self);
        foreach (var sample in samples)
            using (var aligned = Aligned(frame, sample, 0, area, 0))
                Add(aligned);
        var mean = new Mat();
        sum.ConvertTo(mean, MatType.CV_32F, 1.0 / (samples.Count + 1));
        return mean;

        void Add(Mat pixels)
        {
            pixels.ConvertTo(value, MatType.CV_16U);
            Cv2.Add(sum, value, sum);
        }
    }

    /// <summary>Marks the inside of a translucent box as layer <paramref name="layer"/> (where it is not text) and its
    /// edges, which the codec blurs into the picture around, as text.</summary>
    private static void Layer(Mat text, Rect box, byte layer)
    {
        var frame = new Rect(0, 0, text.Width, text.Height);
        using var inside = new Mat(text.Size(), MatType.CV_8UC1, Scalar.Black);
        inside[new Rect(box.X + 2, box.Y + 2, box.Width - 4, box.Height - 4) & frame].SetTo(Scalar.All(layer));
        using var edges = new Mat(text.Size(), MatType.CV_8UC1, Scalar.Black);
        edges[new Rect(box.X - 3, box.Y - 3, box.Width + 6, box.Height + 6) & frame].SetTo(Scalar.All(FrameMarks.Text));
        edges.SetTo(Scalar.Black, inside);
        Cv2.Max(text, edges, text);
        using var free = new Mat();
        Cv2.Compare(text, Scalar.All(0), free, CmpTypes.EQ);
        inside.CopyTo(text, free);
    }

    /// <summary>The overlay's own pixels inside one of its boxes.</summary>
    private static MarkTile OverlayTile(OverlaySnapshot overlay, PixelBox box, int width, int height, int chromaShift)
    {
        var area = Even(new Rect(box.X, box.Y, box.Width, box.Height), width, height);
        using var part = new Mat(overlay.Mask!, area);
        return new MarkTile(area, part.Clone(), chromaShift);
    }

    /// <summary>A frame near the one measured, where the measured text stands in it, and where the camera took the
    /// background (null across a cut).</summary>
    private readonly record struct Sample(FrameSlot Frame, int Dx, int Dy, Affine? ToSample);

    /// <summary>Frames on one side that have a box where the text then is (without one, they cannot show it).</summary>
    private static List<Sample> Samples(
        FrameSlot frame, Func<int, FrameSlot?> slotAt, Func<int, int, Affine?> camera, int direction, PixelBox box, (double Dx, double Dy) motion)
    {
        var samples = new List<Sample>();
        for (var k = 1; k <= SamplesPerSide; k++)
        {
            var frames = direction * k * Step;
            if (slotAt(frame.Index + frames) is not { Boxes: { } boxes } sample) break;
            var (dx, dy) = ((int)Math.Round(motion.Dx * frames), (int)Math.Round(motion.Dy * frames));
            var there = box with { X = box.X + dx, Y = box.Y + dy };
            if (!boxes.Any(b => BoxGeometry.Overlap(b, there) >= 0.3)) break;
            samples.Add(new Sample(sample, dx, dy, camera(frame.Index, sample.Index)));
        }
        return samples;
    }

    /// <summary>The area's planes, chroma brought to luma size (nearest).</summary>
    private static DisposableList AreaPlanes(FrameSlot frame, Rect area, int chromaShift)
    {
        var planes = new DisposableList { new Mat(frame.Grey, area).Clone() };
        var chromaArea = new Rect(area.X >> chromaShift, area.Y >> chromaShift, area.Width >> chromaShift, area.Height >> chromaShift);
        for (var p = 1; p < 3; p++)
        {
            using var part = new Mat(frame.Plane(p), chromaArea);
            var full = new Mat();
            Cv2.Resize(part, full, area.Size, interpolation: InterpolationFlags.Nearest);
            planes.Add(full);
        }
        return planes;
    }

    /// <summary>Text judged on the past samples or on the future ones: pixels that stay still (<c>Calm</c>), and those
    /// of them that the camera's motion does not explain (<c>Text</c>, null <c>Calm</c> when the camera is unknown and
    /// stillness alone decides); null when neither side tells (fewer than two samples, or nothing moves).</summary>
    /// <remarks>Smooth background (sky, water, a blurred wall) stays nearly still too, but it also matches where the
    /// camera took it, and text does not. Stillness is relative to how much the background around the box changes
    /// over the same samples, so low-contrast texture that moves only a little does not pass for text.</remarks>
    private static (Mat Text, Mat? Calm)? Classify(FrameSlot frame, List<Sample> past, List<Sample> future, Rect area, Rect inner, int chromaShift)
    {
        Mat? text = null, calm = null;
        var withCamera = true;
        using var ring = new Mat(area.Size, MatType.CV_8UC1, Scalar.White);
        ring[inner].SetTo(Scalar.Black);
        var chromaArea = new Rect(area.X >> chromaShift, area.Y >> chromaShift, area.Width >> chromaShift, area.Height >> chromaShift);
        foreach (var side in new[] { past, future })
        {
            if (side.Count < 2) continue;
            using var luma = Range(frame, side, 0, area, 0);
            var around = Median(luma, ring);
            if (around < MovingBackground) continue;
            var limit = Math.Clamp(StillShareOfBackground * around, MinStill, MaxStill);
            using var u = Range(frame, side, 1, chromaArea, chromaShift);
            using var v = Range(frame, side, 2, chromaArea, chromaShift);
            Cv2.Max(u, v, u);
            using var chroma = new Mat();
            Cv2.Resize(u, chroma, area.Size, interpolation: InterpolationFlags.Nearest);
            using var sideCalm = new Mat();
            Cv2.Threshold(luma, sideCalm, limit, 255, ThresholdTypes.BinaryInv);
            Cv2.Threshold(chroma, chroma, limit, 255, ThresholdTypes.BinaryInv);
            Cv2.BitwiseAnd(sideCalm, chroma, sideCalm);
            using var sideText = sideCalm.Clone();
            if (side.Count(s => s.ToSample is not null) >= 2)
            {
                using var camera = CameraMismatch(frame, side, area);
                // Translucent text (a watermark): neither still nor where the camera would have it, by far more than
                // the background around the box misses the camera by.
                using var neither = new Mat();
                Cv2.Threshold(camera, neither, Math.Max(MinNeither, NeitherOverRing * Median(camera, ring)), 255, ThresholdTypes.Binary);
                // Text: the camera explains it worse than stillness by a margin (saturating subtraction).
                Cv2.Subtract(camera, luma, camera);
                Cv2.Threshold(camera, camera, CameraMargin, 255, ThresholdTypes.Binary);
                Cv2.BitwiseAnd(sideText, camera, sideText);
                Cv2.BitwiseOr(sideText, neither, sideText);
            }
            else withCamera = false;
            Accumulate(ref text, sideText);
            Accumulate(ref calm, sideCalm);
        }
        if (text is null) return null;
        if (withCamera) return (text, calm);
        calm!.Dispose();
        return (text, null);
    }

    private static void Accumulate(ref Mat? total, Mat part)
    {
        if (total is null) total = part.Clone();
        else Cv2.BitwiseOr(total, part, total);
    }

    /// <summary>How much more the luma differs from the background the camera brought there than from stillness,
    /// at least, for a pixel to be text on that evidence alone.</summary>
    private const int CameraMargin = 8;

    /// <summary>Least mean difference from where the camera would have a pixel for translucent text, and how many times
    /// the background's own miss (around the box) it must be.</summary>
    private const int MinNeither = 24;

    private const int NeitherOverRing = 4;

    /// <summary>Mean absolute difference of the luma from the side's samples warped by the camera's motion.</summary>
    private static Mat CameraMismatch(FrameSlot frame, List<Sample> side, Rect area)
    {
        using var self = new Mat(frame.Grey, area);
        using var sum = new Mat(area.Size, MatType.CV_16UC1, Scalar.Black);
        using var warped = new Mat();
        using var difference = new Mat();
        using var wide = new Mat();
        var count = 0;
        foreach (var sample in side)
        {
            if (sample.ToSample is not { } toSample) continue;
            using var map = toSample.FromOffset(area.X, area.Y).ToMat();
            Cv2.WarpAffine(sample.Frame.Grey, warped, map, area.Size, InterpolationFlags.Linear | InterpolationFlags.WarpInverseMap, BorderTypes.Replicate);
            Cv2.Absdiff(self, warped, difference);
            difference.ConvertTo(wide, MatType.CV_16UC1);
            Cv2.Add(sum, wide, sum);
            count++;
        }
        var mean = new Mat();
        sum.ConvertTo(mean, MatType.CV_8UC1, 1.0 / Math.Max(1, count));
        return mean;
    }

    /// <summary>Max minus min of one plane over the frame and a side's samples (each where the text then stands).</summary>
    private static Mat Range(FrameSlot frame, List<Sample> side, int plane, Rect area, int shift)
    {
        using var self = new Mat(frame.Plane(plane), area);
        using var low = self.Clone();
        var high = self.Clone();
        foreach (var sample in side)
        {
            using var other = Aligned(frame, sample, plane, area, shift);
            Cv2.Min(low, other, low);
            Cv2.Max(high, other, high);
        }
        Cv2.Subtract(high, low, high);
        return high;
    }

    /// <summary>The sample's pixels where the measured text stands in it; what falls outside that frame keeps the
    /// measured frame's values.</summary>
    private static Mat Aligned(FrameSlot frame, Sample sample, int plane, Rect area, int shift)
    {
        var source = sample.Frame.Plane(plane);
        var other = new Mat(frame.Plane(plane), area).Clone();
        var moved = new Rect(area.X + (sample.Dx >> shift), area.Y + (sample.Dy >> shift), area.Width, area.Height);
        var inside = moved & new Rect(0, 0, source.Width, source.Height);
        if (inside.Width <= 0 || inside.Height <= 0) return other;
        using var from = new Mat(source, inside);
        using var to = new Mat(other, new Rect(inside.X - moved.X, inside.Y - moved.Y, inside.Width, inside.Height));
        from.CopyTo(to);
        return other;
    }

    /// <summary>Median of the 8-bit <paramref name="values"/> where <paramref name="mask"/> is set.</summary>
    private static int Median(Mat values, Mat mask)
    {
        using var histogram = new Mat();
        Cv2.CalcHist([values], [0], mask, histogram, 1, [256], [new Rangef(0, 256)]);
        var total = Cv2.Sum(histogram).Val0;
        var seen = 0.0;
        for (var i = 0; i < 256; i++)
        {
            seen += histogram.At<float>(i);
            if (seen >= total / 2) return i;
        }
        return 255;
    }

    /// <summary>Copies the still pixels that form pieces of some size reaching into <paramref name="line"/>: a glyph is
    /// tens of pixels or more, while a background pixel that happens not to change over the samples stands alone or in
    /// twos and threes.</summary>
    private static unsafe void WithoutSpecks(Mat still, Mat target, Rect line)
    {
        using var labels = new Mat();
        using var stats = new Mat();
        using var centroids = new Mat();
        var count = Cv2.ConnectedComponentsWithStats(still, labels, stats, centroids, PixelConnectivity.Connectivity8, MatType.CV_32S);
        var keep = new byte[count];
        for (var i = 1; i < count; i++)
        {
            var piece = new Rect(stats.At<int>(i, (int)ConnectedComponentsTypes.Left), stats.At<int>(i, (int)ConnectedComponentsTypes.Top),
                stats.At<int>(i, (int)ConnectedComponentsTypes.Width), stats.At<int>(i, (int)ConnectedComponentsTypes.Height));
            keep[i] = stats.At<int>(i, (int)ConnectedComponentsTypes.Area) >= MinPiece && piece.IntersectsWith(line) ? (byte)255 : (byte)0;
        }
        var (width, height) = (target.Width, target.Height);
        var source = labels.AsSpan<int>();
        for (var y = 0; y < height; y++)
        {
            var row = new Span<byte>((byte*)target.Ptr(y), width);
            for (var x = 0; x < width; x++) row[x] = keep[source[y * width + x]];
        }
    }

    /// <summary>Smallest piece of still pixels kept as text.</summary>
    private const int MinPiece = 12;

    private sealed class DisposableList : List<Mat>, IDisposable
    {
        public void Dispose()
        {
            foreach (var m in this) m.Dispose();
        }
    }

    private static double StillShare(Mat still, Rect inner)
    {
        using var inBox = new Mat(still, inner);
        return Cv2.CountNonZero(inBox) / (double)Math.Max(1, inner.Width * inner.Height);
    }

    /// <summary><paramref name="r"/> inside the frame with even corners (chroma planes are half size).</summary>
    internal static Rect Even(Rect r, int width, int height)
    {
        var x0 = Math.Clamp(r.X, 0, width) & ~1;
        var y0 = Math.Clamp(r.Y, 0, height) & ~1;
        var x1 = Math.Min(width, (Math.Clamp(r.Right, 0, width) + 1) & ~1);
        var y1 = Math.Min(height, (Math.Clamp(r.Bottom, 0, height) + 1) & ~1);
        return new Rect(x0, y0, x1 - x0, y1 - y0);
    }
}
