using OpenCvSharp;

namespace Vtis.Engine.Detection;

/// <summary>How a translucent layer changed the pixels under it, per plane: shown = <see cref="Gain"/> × behind +
/// <see cref="Offset"/> (gain = 1 − opacity, offset = opacity × the layer's colour).</summary>
internal sealed record Blend(float[] Gain, float[] Offset)
{
    /// <summary>What was behind a shown value of plane <paramref name="plane"/>.</summary>
    public byte Behind(int plane, float shown) => (byte)Math.Clamp((shown - Offset[plane]) / Gain[plane] + 0.5f, 0, 255);
}

/// <summary>
/// A semi-transparent box drawn behind a line of text (a subtitle's box, a ticker's band): found by its edges, which
/// stay with the text while the picture moves behind, and measured over the frames around: inside the box the
/// picture's changes are scaled by the box's gain, and its level shifted by the offset. What is behind the box is
/// then recovered from the frame itself instead of being painted over.
/// </summary>
internal static class TranslucentBox
{
    /// <summary>Weakest mean step (grey levels) along a box edge.</summary>
    private const float MinStep = 6;

    /// <summary>Pixels from the box's edges left out of its measurement (the codec blurs the edges).</summary>
    private const int Edge = 3;

    /// <summary>Width of the bands measured inside and outside the edges.</summary>
    private const int Band = 6;

    /// <summary>Least pairs of the same scene point seen inside and outside the box for a measurement.</summary>
    private const int MinPairs = 200;

    /// <summary>A frame near the measured one: its planes, where the text stands in it, and where the camera takes the
    /// measured frame's pixels in it (luma pixels).</summary>
    public readonly record struct View(Inpainting.FrameSlot Frame, int Dx, int Dy, Inpainting.Affine ToView);

    /// <summary>The box around the glyphs bounded by <paramref name="inner"/> (pixels of <paramref name="area"/>) and its
    /// blend, or null when there is none. <paramref name="meanLuma"/> is the area's mean over the frame and the views,
    /// taken where the text then stands, so the box's edges stand out while the picture behind blurs away.</summary>
    /// <remarks>The blend is measured on scene points the camera carries across the box's edges: the same point shows
    /// inside the box in this frame and outside it in a view, which gives its value behind and under the box; a line
    /// fitted through many such pairs (trimmed of the worst) gives gain and offset.</remarks>
    public static (Rect Box, Blend Blend)? Find(Inpainting.FrameSlot frame, IReadOnlyList<View> views, Rect area, Mat meanLuma, Rect inner, Mat text, int chromaShift)
    {
        if (FindBox(meanLuma, inner) is not { } local) return null;
        var box = new Rect(local.X + area.X, local.Y + area.Y, local.Width, local.Height);
        using var textGrown = new Mat();
        Cv2.Dilate(text, textGrown, null, iterations: 3);
        var gains = new float[3];
        var offsets = new float[3];
        var pairs = Pairs(frame, views, box, area, textGrown, 0, 0);
        if (pairs.Count < MinPairs) return null;
        var (gain, offset) = Fit(pairs);
        if (gain is < 0.1f or > 0.9f) return null;
        (gains[0], offsets[0]) = (gain, offset);
        for (var p = 1; p < 3; p++)
        {
            // The same opacity; each chroma plane its own colour.
            var chroma = Pairs(frame, views, box, area, textGrown, p, chromaShift);
            gains[p] = gain;
            offsets[p] = chroma.Count == 0 ? 128 * (1 - gain) : Median(chroma.Select(c => c.Under - gain * c.Behind));
        }
        return (local, new Blend(gains, offsets));
    }

    /// <summary>Values of scene points inside the box (not on glyphs) in the frame, with the same point's value in a
    /// view where it lies outside the box (and off text).</summary>
    private static unsafe List<(float Under, float Behind)> Pairs(
        Inpainting.FrameSlot frame, IReadOnlyList<View> views, Rect box, Rect area, Mat glyphs, int plane, int shift)
    {
        var pairs = new List<(float, float)>();
        var self = frame.Plane(plane);
        var scale = 1 << shift;
        var inside = new Rect((box.X + Edge) / scale, (box.Y + Edge) / scale, (box.Width - 2 * Edge) / scale, (box.Height - 2 * Edge) / scale);
        var grown = new Rect(box.X - Edge, box.Y - Edge, box.Width + 2 * Edge, box.Height + 2 * Edge);
        foreach (var view in views)
        {
            var map = plane == 0 ? view.ToView : view.ToView.ForChroma(shift);
            var other = view.Frame.Plane(plane);
            var (width, height) = (other.Width, other.Height);
            var there = new Rect(grown.X + view.Dx, grown.Y + view.Dy, grown.Width, grown.Height);
            for (var y = inside.Y; y < inside.Bottom; y++)
                for (var x = inside.X; x < inside.Right; x++)
                {
                    var (lx, ly) = (x * scale - area.X, y * scale - area.Y);
                    if (glyphs.At<byte>(ly, lx) != 0) continue;
                    var sx = map.A * x + map.B * y + map.Tx;
                    var sy = map.C * x + map.D * y + map.Ty;
                    if (sx < 1 || sy < 1 || sx >= width - 2 || sy >= height - 2) continue;
                    var (ix, iy) = ((int)Math.Round(sx), (int)Math.Round(sy));
                    if (there.Contains(ix * scale, iy * scale)) continue;
                    pairs.Add((((byte*)self.Ptr(y))[x], ((byte*)other.Ptr(iy))[ix]));
                }
        }
        return pairs;
    }

    /// <summary>Least squares line under = gain × behind + offset, refitted without the pairs farthest from it.</summary>
    private static (float Gain, float Offset) Fit(List<(float Under, float Behind)> pairs)
    {
        var kept = pairs;
        var (gain, offset) = (1f, 0f);
        for (var round = 0; round < 3; round++)
        {
            double n = kept.Count, sx = 0, sy = 0, sxx = 0, sxy = 0;
            foreach (var (under, behind) in kept)
            {
                sx += behind;
                sy += under;
                sxx += behind * behind;
                sxy += behind * under;
            }
            var variance = n * sxx - sx * sx;
            if (variance <= 0) return (1, 0);
            gain = (float)((n * sxy - sx * sy) / variance);
            offset = (float)((sy - gain * sx) / n);
            var (g, o) = (gain, offset);
            var limit = kept.Select(p => Math.Abs(p.Under - g * p.Behind - o)).Order().ElementAt((int)(kept.Count * 0.7));
            kept = [.. kept.Where(p => Math.Abs(p.Under - g * p.Behind - o) <= limit)];
        }
        return (gain, offset);
    }

    private static float Median(IEnumerable<float> values)
    {
        var list = values.Order().ToList();
        return list.Count == 0 ? 0 : list[list.Count / 2];
    }

    /// <summary>The rectangle of steady steps around the text: scanning from outside in, the first row above the
    /// glyphs' middle and the last below where the mean picture steps the same way along the whole width (a drawn
    /// box's edge; glyphs step in places only), the two the opposite way, then the same for columns.</summary>
    private static Rect? FindBox(Mat meanLuma, Rect inner)
    {
        using var gy = new Mat();
        using var gx = new Mat();
        Cv2.Sobel(meanLuma, gy, MatType.CV_32F, 0, 1, ksize: 1);
        Cv2.Sobel(meanLuma, gx, MatType.CV_32F, 1, 0, ksize: 1);
        var size = meanLuma.Size();
        var middle = inner.Y + inner.Height / 2;
        var top = Outermost(gy, 1, middle, inner.X, inner.Right, horizontal: true, null);
        if (top is not { } t) return null;
        var bottom = Outermost(gy, size.Height - 2, middle, inner.X, inner.Right, horizontal: true, -Sign(gy, t, inner.X, inner.Right, true));
        if (bottom is not { } b || b - t < inner.Height / 2) return null;
        var centre = inner.X + inner.Width / 2;
        var left = Outermost(gx, 1, centre, t + 1, b, horizontal: false, null) ?? inner.X;
        var right = Outermost(gx, size.Width - 2, centre, t + 1, b, horizontal: false, -Sign(gx, left, t + 1, b, false)) ?? inner.Right;
        var box = new Rect(left, t, right - left, b - t);
        return box.Width > inner.Width / 2 ? box : null;
    }

    /// <summary>The first line from <paramref name="from"/> towards <paramref name="to"/> that steps steadily (with
    /// the given sign, if any).</summary>
    private static int? Outermost(Mat gradient, int from, int to, int along0, int along1, bool horizontal, int? sign)
    {
        var step = Math.Sign(to - from);
        for (var i = from; i != to; i += step)
            if (Steady(gradient, i, along0, along1, horizontal) && (sign is null || Sign(gradient, i, along0, along1, horizontal) == sign))
                return i;
        return null;
    }

    private static unsafe int Sign(Mat gradient, int at, int from, int to, bool horizontal)
    {
        var sum = 0f;
        for (var k = from; k < to; k++) sum += horizontal ? ((float*)gradient.Ptr(at))[k] : ((float*)gradient.Ptr(k))[at];
        return Math.Sign(sum);
    }

    /// <summary>Least space between the glyphs and a box drawn around them.</summary>
    private const int Padding = 3;

    /// <summary>Whether a row (column) steps the same way along most of its length, as a drawn box's edge does; the
    /// soft edges of glyphs step in places only.</summary>
    private static unsafe bool Steady(Mat gradient, int at, int from, int to, bool horizontal)
    {
        if (to - from < 8) return false;
        var sign = 0f;
        for (var k = from; k < to; k++) sign += horizontal ? ((float*)gradient.Ptr(at))[k] : ((float*)gradient.Ptr(k))[at];
        var steady = 0;
        for (var k = from; k < to; k++)
        {
            var g = horizontal ? ((float*)gradient.Ptr(at))[k] : ((float*)gradient.Ptr(k))[at];
            if (Math.Sign(g) == Math.Sign(sign) && Math.Abs(g) >= MinStep) steady++;
        }
        return steady >= SteadyShare * (to - from);
    }

    private const double SteadyShare = 0.7;


    private static Rect Shrink(Rect r, int by) => new(r.X + by, r.Y + by, r.Width - 2 * by, r.Height - 2 * by);
}
