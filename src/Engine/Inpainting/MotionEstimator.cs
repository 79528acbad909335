using OpenCvSharp;

namespace Vtis.Engine.Inpainting;

/// <summary>Estimates camera motion between consecutive frames: corners tracked with pyramidal Lucas–Kanade on a
/// small grey copy, away from the text masks (static text would pull towards "no motion"), checked by tracking back,
/// and a tight RANSAC similarity fit (pan, zoom, roll). Returns null at a cut or when too little of the picture can be tracked.</summary>
internal static class MotionEstimator
{
    public const int AnalysisWidth = 640;
    private const int MinInliers = 12;
    private const int Levels = 3;
    private static readonly Size Window = new(15, 15);

    /// <summary>Analysis pixels a point may miss its start by after tracking there and back.</summary>
    private const double RoundTrip = 0.3;

    /// <summary>Analysis pixels a point may lie off the fitted motion and still count (a third of a pixel at 720p):
    /// the fit is chained over many frames, so a looser one drifts by pixels within a second.</summary>
    private const double Tolerance = 0.5;

    /// <summary>Frames are shrunk by a whole factor (about to <see cref="AnalysisWidth"/>): OpenCV's area resize is
    /// several times faster for whole factors than for fractional ones.</summary>
    public static double AnalysisScale(int width) => 1.0 / Math.Max(1, (int)Math.Round(width / (double)AnalysisWidth));

    /// <summary>A small copy of the frame's brightness for tracking.</summary>
    public static Mat Analysis(Mat grey)
    {
        var factor = (int)Math.Round(1 / AnalysisScale(grey.Width));
        var size = new Size(Math.Max(1, grey.Width / factor), Math.Max(1, grey.Height / factor));
        // Exactly a whole factor (the last few columns and rows dropped): OpenCV's fast path for area resizing.
        using var exact = new Mat(grey, new Rect(0, 0, Math.Min(grey.Width, size.Width * factor), Math.Min(grey.Height, size.Height * factor)));
        var small = new Mat();
        Cv2.Resize(exact, small, size, interpolation: InterpolationFlags.Area);
        return small;
    }

    /// <summary>Corners of <paramref name="image"/> (analysis pixels) worth tracking, away from its text.</summary>
    public static Point2f[] Corners(Mat image, IReadOnlyList<PixelBox> text, double scale)
    {
        using var allowed = new Mat(image.Size(), MatType.CV_8UC1, Scalar.White);
        foreach (var box in text)
            Cv2.Rectangle(allowed, new Rect((int)(box.X * scale) - 2, (int)(box.Y * scale) - 2, (int)(box.Width * scale) + 4, (int)(box.Height * scale) + 4), Scalar.Black, -1);
        return Cv2.GoodFeaturesToTrack(image, 160, 0.01, 8, allowed, 3, false, 0.04);
    }

    /// <summary>The map taking points of <paramref name="current"/> to <paramref name="previous"/>, in analysis pixels;
    /// <paramref name="guess"/> (in the same pixels) starts the search, for frames far apart. <paramref name="corners"/>
    /// are <paramref name="current"/>'s, when already found.</summary>
    public static Affine? Estimate(
        Mat previous, Mat current, IReadOnlyList<PixelBox> previousText, IReadOnlyList<PixelBox> currentText, double scale, Affine? guess = null,
        Point2f[]? corners = null)
    {
        corners ??= Corners(current, [.. previousText, .. currentText], scale);
        if (corners.Length < MinInliers) return null;
        var next = guess is { } g
            ? corners.Select(p => new Point2f((float)(g.A * p.X + g.B * p.Y + g.Tx), (float)(g.C * p.X + g.D * p.Y + g.Ty))).ToArray()
            : new Point2f[corners.Length];
        var status = Array.Empty<byte>();
        var error = Array.Empty<float>();
        Cv2.CalcOpticalFlowPyrLK(current, previous, corners, ref next, out status, out error, Window, Levels, null,
            guess is null ? OpticalFlowFlags.None : OpticalFlowFlags.UseInitialFlow);
        // Tracked back again: a point that does not return where it started followed something else (animated
        // content, a repeated pattern, noise) and would pull the fit.
        var back = (Point2f[])corners.Clone();
        Cv2.CalcOpticalFlowPyrLK(previous, current, next, ref back, out var backStatus, out error, Window, Levels, null, OpticalFlowFlags.UseInitialFlow);

        var from = new List<Point2f>();
        var to = new List<Point2f>();
        for (var i = 0; i < corners.Length; i++)
            if (status[i] == 1 && backStatus[i] == 1 && Math.Abs(back[i].X - corners[i].X) + Math.Abs(back[i].Y - corners[i].Y) < RoundTrip)
                (from, to) = (Add(from, corners[i]), Add(to, next[i]));
        if (from.Count < MinInliers) return null;

        using var inliers = new Mat();
        using var fromMat = Mat.FromArray(from.ToArray());
        using var toMat = Mat.FromArray(to.ToArray());
        using var model = Cv2.EstimateAffinePartial2D(fromMat, toMat, inliers, RobustEstimationAlgorithms.RANSAC, Tolerance);
        if (model is null || model.Empty() || Cv2.CountNonZero(inliers) < Math.Max(MinInliers, from.Count / 4)) return null;
        return Affine.FromMat(model);
    }

    private static List<Point2f> Add(List<Point2f> list, Point2f p)
    {
        list.Add(p);
        return list;
    }
}
