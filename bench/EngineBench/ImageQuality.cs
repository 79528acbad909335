using OpenCvSharp;

namespace Vtis.EngineBench;

/// <summary>
/// PSNR and SSIM of cleaned frames against the clean clip, over whole frames and inside the text masks, summed
/// over frames. PSNR comes from the pooled squared error (not a mean of per-frame PSNRs, which a single perfect
/// frame would make infinite); SSIM is the luma SSIM map (11x11 Gaussian, sigma 1.5) averaged over the pixels.
/// </summary>
internal sealed class ImageQuality
{
    private double _frameError;
    private long _frameSamples;
    private double _maskError;
    private long _maskSamples;
    private double _frameSsim;
    private long _framePixels;
    private double _maskSsim;
    private long _maskPixels;

    public double FramePsnr => Psnr(_frameError, _frameSamples);

    public double MaskPsnr => Psnr(_maskError, _maskSamples);

    public double FrameSsim => _framePixels == 0 ? double.NaN : _frameSsim / _framePixels;

    public double MaskSsim => _maskPixels == 0 ? double.NaN : _maskSsim / _maskPixels;

    public bool HasFrames => _framePixels > 0;

    public void Add(SsimReference clean, Mat output, TextMask mask)
    {
        var a = clean.Frame.AsSpan<byte>();
        var b = output.AsSpan<byte>();
        var inMask = mask.Binary.AsSpan<byte>();
        long frame = 0, masked = 0;
        for (var p = 0; p < inMask.Length; p++)
        {
            int d0 = a[3 * p] - b[3 * p], d1 = a[3 * p + 1] - b[3 * p + 1], d2 = a[3 * p + 2] - b[3 * p + 2];
            var d = d0 * d0 + d1 * d1 + d2 * d2;
            frame += d;
            if (inMask[p] != 0) masked += d;
        }

        _frameError += frame;
        _frameSamples += 3L * inMask.Length;
        _maskError += masked;
        _maskSamples += 3L * mask.TextPixels;

        var map = clean.SsimMap(output);
        _frameSsim += Cv2.Sum(map).Val0;
        _framePixels += inMask.Length;
        if (mask.TextPixels > 0)
        {
            _maskSsim += Cv2.Mean(map, mask.Binary).Val0 * mask.TextPixels;
            _maskPixels += mask.TextPixels;
        }
    }

    /// <summary>Pools several clips (the overall row).</summary>
    public void Add(ImageQuality other)
    {
        _frameError += other._frameError;
        _frameSamples += other._frameSamples;
        _maskError += other._maskError;
        _maskSamples += other._maskSamples;
        _frameSsim += other._frameSsim;
        _framePixels += other._framePixels;
        _maskSsim += other._maskSsim;
        _maskPixels += other._maskPixels;
    }

    private static double Psnr(double error, long samples) =>
        samples == 0 ? double.NaN : error == 0 ? 99 : 10 * Math.Log10(255.0 * 255.0 * samples / error);
}

/// <summary>
/// A clean frame with its SSIM statistics computed once, for comparing several outputs with it. All buffers are
/// kept: OpenCV's memory is invisible to the GC, so temporaries per frame would pile up between collections.
/// </summary>
internal sealed class SsimReference : IDisposable
{
    private const double C1 = 6.5025; // (0.01 * 255)^2
    private const double C2 = 58.5225; // (0.03 * 255)^2
    private const double Sigma = 1.5;
    private static readonly Size Window = new(11, 11);

    private readonly Mat _gray = new();
    private readonly Mat _luma = new();
    private readonly Mat _mean = new();
    private readonly Mat _meanSquared = new();
    private readonly Mat _variance = new();
    private readonly Mat _y = new();
    private readonly Mat _yMean = new();
    private readonly Mat _yVariance = new();
    private readonly Mat _covariance = new();
    private readonly Mat _scratch = new();
    private readonly Mat _numerator = new();
    private readonly Mat _denominator = new();
    private readonly Mat _map = new();

    public SsimReference(int width, int height) => Frame = new Mat(height, width, MatType.CV_8UC3);

    /// <summary>The clean bgr24 frame; call <see cref="Update"/> after reading into it.</summary>
    public Mat Frame { get; }

    public void Update()
    {
        Luma(Frame, _luma);
        Cv2.GaussianBlur(_luma, _mean, Window, Sigma);
        Cv2.Multiply(_mean, _mean, _meanSquared);
        Cv2.Multiply(_luma, _luma, _scratch);
        Cv2.GaussianBlur(_scratch, _variance, Window, Sigma);
        Cv2.Subtract(_variance, _meanSquared, _variance);
    }

    /// <summary>Per-pixel SSIM (CV_32F) of <paramref name="output"/> against the clean frame; valid until the next call.</summary>
    public Mat SsimMap(Mat output)
    {
        Luma(output, _y);
        Cv2.GaussianBlur(_y, _yMean, Window, Sigma);
        Cv2.Multiply(_y, _y, _scratch);
        Cv2.GaussianBlur(_scratch, _yVariance, Window, Sigma);
        Cv2.Multiply(_yMean, _yMean, _scratch);
        Cv2.Subtract(_yVariance, _scratch, _yVariance);
        Cv2.Multiply(_luma, _y, _scratch);
        Cv2.GaussianBlur(_scratch, _covariance, Window, Sigma);
        Cv2.Multiply(_mean, _yMean, _scratch);
        Cv2.Subtract(_covariance, _scratch, _covariance);

        // (2 mu_x mu_y + C1)(2 cov + C2) / ((mu_x^2 + mu_y^2 + C1)(var_x + var_y + C2))
        _scratch.ConvertTo(_numerator, MatType.CV_32F, 2, C1);
        _covariance.ConvertTo(_covariance, MatType.CV_32F, 2, C2);
        Cv2.Multiply(_numerator, _covariance, _numerator);
        Cv2.Multiply(_yMean, _yMean, _scratch);
        Cv2.Add(_scratch, _meanSquared, _scratch);
        Cv2.Add(_variance, _yVariance, _denominator);
        // ConvertTo adds the constant: Cv2.Add with a Scalar takes a slow path (40 ms a 720p frame here).
        _scratch.ConvertTo(_scratch, MatType.CV_32F, 1, C1);
        _denominator.ConvertTo(_denominator, MatType.CV_32F, 1, C2);
        Cv2.Multiply(_scratch, _denominator, _denominator);
        Cv2.Divide(_numerator, _denominator, _map);
        return _map;
    }

    public void Dispose()
    {
        foreach (var m in new[] { Frame, _gray, _luma, _mean, _meanSquared, _variance, _y, _yMean, _yVariance, _covariance, _scratch, _numerator, _denominator, _map })
            m.Dispose();
    }

    private void Luma(Mat bgr, Mat luma)
    {
        Cv2.CvtColor(bgr, _gray, ColorConversionCodes.BGR2GRAY);
        _gray.ConvertTo(luma, MatType.CV_32F);
    }
}
