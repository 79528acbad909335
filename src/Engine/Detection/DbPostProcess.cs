using OpenCvSharp;

namespace Vtis.Engine.Detection;

/// <summary>Turns the detector's probability map into boxes (PaddleOCR's DB post-processing, axis-aligned).</summary>
internal static class DbPostProcess
{
    private const int MaxCandidates = 1000;

    public static unsafe IReadOnlyList<PixelBox> Boxes(
        ReadOnlySpan<float> probabilities, int w, int h, double scaleX, double scaleY, int frameWidth, int frameHeight, EngineOptions options)
    {
        fixed (float* data = probabilities)
        {
            using var prob = Mat.FromPixelData(h, w, MatType.CV_32FC1, (nint)data);
            using var binary = new Mat();
            Cv2.Threshold(prob, binary, options.DetectThreshold, 255, ThresholdTypes.Binary);
            using var binary8 = new Mat();
            binary.ConvertTo(binary8, MatType.CV_8UC1);
            Cv2.FindContours(binary8, out var contours, out _, RetrievalModes.External, ContourApproximationModes.ApproxSimple);

            var boxes = new List<PixelBox>();
            foreach (var contour in contours.Take(MaxCandidates))
            {
                var rect = Cv2.BoundingRect(contour);
                if (Math.Min(rect.Width, rect.Height) < 2) continue;
                if (Score(prob, contour, rect) < options.BoxThreshold) continue;

                // Unclip: the map marks only the core of a line; grow by area * ratio / perimeter (PaddleOCR).
                var rotated = Cv2.MinAreaRect(contour);
                var (rw, rh) = (Math.Max(rotated.Size.Width, 1), Math.Max(rotated.Size.Height, 1));
                var grow = rw * rh * options.UnclipRatio / (2 * (rw + rh));
                var x0 = (rect.X - grow) * scaleX;
                var y0 = (rect.Y - grow) * scaleY;
                var x1 = (rect.Right + grow) * scaleX;
                var y1 = (rect.Bottom + grow) * scaleY;

                // Then a margin for outlines, shadows and the blur of the downscaled detection.
                var margin = Math.Max(3, 0.15 * (y1 - y0));
                boxes.Add(Clip(x0 - margin, y0 - margin, x1 + margin, y1 + margin, frameWidth, frameHeight));
            }
            return boxes.Where(b => b.Width > 0 && b.Height > 0).ToList();
        }
    }

    private static double Score(Mat prob, Point[] contour, Rect rect)
    {
        using var mask = new Mat(rect.Height, rect.Width, MatType.CV_8UC1, Scalar.Black);
        var shifted = contour.Select(p => new Point(p.X - rect.X, p.Y - rect.Y)).ToArray();
        Cv2.FillPoly(mask, [shifted], Scalar.White);
        using var roi = new Mat(prob, rect);
        return Cv2.Mean(roi, mask).Val0;
    }

    internal static PixelBox Clip(double x0, double y0, double x1, double y1, int width, int height)
    {
        var left = Math.Clamp((int)Math.Floor(x0), 0, width);
        var top = Math.Clamp((int)Math.Floor(y0), 0, height);
        var right = Math.Clamp((int)Math.Ceiling(x1), 0, width);
        var bottom = Math.Clamp((int)Math.Ceiling(y1), 0, height);
        return new PixelBox(left, top, right - left, bottom - top);
    }
}
