using OpenCvSharp;

namespace Vtis.EngineBench;

/// <summary>
/// Luma SSIM (11x11 Gaussian window, sigma 1.5): a clean area with its statistics computed once, for comparing
/// several outputs with it. Areas change size from frame to frame (they follow the text), so the buffers are
/// OpenCV's to resize; they are kept, as OpenCV's memory is invisible to the GC and temporaries per frame would pile
/// up between collections.
/// </summary>
internal sealed class SsimReference : IDisposable
{
    /// <summary>Pixels an area needs around what is scored, so the window sees the real neighbours.</summary>
    public const int Margin = 5;

    private const double C1 = 6.5025; // (0.01 * 255)^2
    private const double C2 = 58.5225; // (0.03 * 255)^2

    private readonly WindowStatistics _clean = new();
    private readonly WindowStatistics _output = new();
    private readonly Mat _covariance = new();
    private readonly Mat _scratch = new();
    private readonly Mat _numerator = new();
    private readonly Mat _denominator = new();
    private readonly Mat _map = new();

    /// <summary>Takes the clean luma of the area to score (8-bit, one channel).</summary>
    public void Update(Mat cleanLuma) => _clean.Compute(cleanLuma, _scratch);

    /// <summary>Per-pixel SSIM (CV_32F) of an output's luma over the same area against the clean one; valid until the next call.</summary>
    public Mat SsimMap(Mat outputLuma)
    {
        var (x, y) = (_clean, _output);
        y.Compute(outputLuma, _scratch);
        Cv2.Multiply(x.Values, y.Values, _scratch);
        WindowStatistics.Blur(_scratch, _covariance);
        Cv2.Multiply(x.Mean, y.Mean, _scratch);
        Cv2.Subtract(_covariance, _scratch, _covariance);

        // (2 mu_x mu_y + C1)(2 cov + C2) / ((mu_x^2 + mu_y^2 + C1)(var_x + var_y + C2))
        _scratch.ConvertTo(_numerator, MatType.CV_32F, 2, C1);
        _covariance.ConvertTo(_covariance, MatType.CV_32F, 2, C2);
        Cv2.Multiply(_numerator, _covariance, _numerator);
        Cv2.Add(x.MeanSquared, y.MeanSquared, _scratch);
        Cv2.Add(x.Variance, y.Variance, _denominator);
        // ConvertTo adds the constant: Cv2.Add with a Scalar takes a slow path (40 ms a 720p frame here).
        _scratch.ConvertTo(_scratch, MatType.CV_32F, 1, C1);
        _denominator.ConvertTo(_denominator, MatType.CV_32F, 1, C2);
        Cv2.Multiply(_scratch, _denominator, _denominator);
        Cv2.Divide(_numerator, _denominator, _map);
        return _map;
    }

    public void Dispose()
    {
        _clean.Dispose();
        _output.Dispose();
        foreach (var m in new[] { _covariance, _scratch, _numerator, _denominator, _map }) m.Dispose();
    }

    /// <summary>An area as floats, with its local (windowed) mean, squared mean and variance.</summary>
    private sealed class WindowStatistics : IDisposable
    {
        private const double Sigma = 1.5;
        private static readonly Size Window = new(11, 11);

        public Mat Values { get; } = new();

        public Mat Mean { get; } = new();

        public Mat MeanSquared { get; } = new();

        public Mat Variance { get; } = new();

        public static void Blur(Mat source, Mat target) => Cv2.GaussianBlur(source, target, Window, Sigma);

        public void Compute(Mat luma, Mat scratch)
        {
            luma.ConvertTo(Values, MatType.CV_32F);
            Blur(Values, Mean);
            Cv2.Multiply(Mean, Mean, MeanSquared);
            Cv2.Multiply(Values, Values, scratch);
            Blur(scratch, Variance);
            Cv2.Subtract(Variance, MeanSquared, Variance);
        }

        public void Dispose()
        {
            foreach (var m in new[] { Values, Mean, MeanSquared, Variance }) m.Dispose();
        }
    }
}
