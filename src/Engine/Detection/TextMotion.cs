using OpenCvSharp;

namespace Vtis.Engine.Detection;

/// <summary>How far a line of text moved between two frames (scrolling credits, a ticker, a caption sliding in): its
/// strokes' gradients, found again in the later frame by normalised cross-correlation. Text edges are dense and
/// sharp, so they dominate the match even over a textured background that moves differently.</summary>
internal static class TextMotion
{
    /// <summary>The search works at half size: a quarter of the pixels, and a box still has its strokes.</summary>
    private const int Factor = 2;

    /// <summary>Correlation below which the line is taken as not found again.</summary>
    private const double MinScore = 0.55;

    /// <summary>How much better than staying put a shift must match to count as motion.</summary>
    private const double Decisive = 0.1;

    /// <summary>The shift (in pixels) of the text in <paramref name="box"/> of <paramref name="from"/> to where it is in
    /// <paramref name="to"/>, searched up to <paramref name="reachX"/> and <paramref name="reachY"/> pixels away; null
    /// when nothing matches well enough.</summary>
    public static (double Dx, double Dy)? Find(Mat from, Mat to, PixelBox box, int reachX, int reachY)
    {
        var frame = new Rect(0, 0, from.Width, from.Height);
        var template = new Rect(box.X, box.Y, box.Width, box.Height) & frame;
        if (template.Width < 4 * Factor || template.Height < 4 * Factor) return null;
        var search = new Rect(template.X - reachX, template.Y - reachY, template.Width + 2 * reachX, template.Height + 2 * reachY) & frame;
        using var t = Gradients(from, template);
        using var s = Gradients(to, search);
        if (s.Width < t.Width || s.Height < t.Height) return null;
        using var response = new Mat();
        Cv2.MatchTemplate(s, t, response, TemplateMatchModes.CCoeffNormed);
        Cv2.MinMaxLoc(response, out _, out var best, out _, out var at);
        if (best < MinScore) return null;
        // Text that stays matches where it was about as well: then it is not moving, whatever the background does.
        var still = new Point(template.X - search.X, template.Y - search.Y);
        if (still.X / Factor < response.Width && still.Y / Factor < response.Height &&
            response.At<float>(still.Y / Factor, still.X / Factor) > best - Decisive) return (0, 0);
        var x = at.X + Peak(response, at, horizontal: true);
        var y = at.Y + Peak(response, at, horizontal: false);
        return (x * Factor + search.X - template.X, y * Factor + search.Y - template.Y);
    }

    /// <summary>Gradient magnitude of a part of a grey frame, at half size.</summary>
    private static Mat Gradients(Mat grey, Rect area)
    {
        using var part = new Mat(grey, area);
        using var small = new Mat();
        Cv2.Resize(part, small, new Size(area.Width / Factor, area.Height / Factor), interpolation: InterpolationFlags.Area);
        using var gx = new Mat();
        using var gy = new Mat();
        Cv2.Sobel(small, gx, MatType.CV_32F, 1, 0);
        Cv2.Sobel(small, gy, MatType.CV_32F, 0, 1);
        var magnitude = new Mat();
        Cv2.Magnitude(gx, gy, magnitude);
        return magnitude;
    }

    /// <summary>Sub-pixel offset of the response's peak along one axis (a parabola through it and its neighbours).</summary>
    private static double Peak(Mat response, Point at, bool horizontal)
    {
        var (i, n) = horizontal ? (at.X, response.Width) : (at.Y, response.Height);
        if (i <= 0 || i >= n - 1) return 0;
        float Value(int k) => horizontal ? response.At<float>(at.Y, k) : response.At<float>(k, at.X);
        double left = Value(i - 1), centre = Value(i), right = Value(i + 1);
        var curvature = left - 2 * centre + right;
        return curvature >= 0 ? 0 : Math.Clamp(0.5 * (left - right) / curvature, -0.5, 0.5);
    }
}
