using OpenCvSharp;

namespace Vtis.Engine.Media;

/// <summary>The pixel layout frames travel in between ffmpeg and the engine. I420 (what H.264 stores) halves the
/// bytes piped and spares ffmpeg a single-threaded colour conversion each way; OpenCV converts to BGR for the work.
/// Odd-sized frames cannot be I420, so they travel as BGR.</summary>
internal sealed record RawFormat(string FfmpegName, int Width, int Height, byte[] FourCc)
{
    public static RawFormat For(int width, int height) => width % 2 == 0 && height % 2 == 0
        ? new RawFormat("yuv420p", width, height, "I420"u8.ToArray())
        : new RawFormat("bgr24", width, height, [(byte)'B', (byte)'G', (byte)'R', 24]);

    public bool IsBgr => FfmpegName == "bgr24";

    public int FrameBytes => IsBgr ? checked(Width * Height * 3) : checked(Width * Height * 3 / 2);

    /// <summary>A matrix over <paramref name="raw"/> (pinned for the matrix's life).</summary>
    public Mat View(byte[] raw) => IsBgr
        ? Mat.FromPixelData(Height, Width, MatType.CV_8UC3, raw)
        : Mat.FromPixelData(Height * 3 / 2, Width, MatType.CV_8UC1, raw);

    public void ToBgr(Mat raw, Mat bgr)
    {
        if (IsBgr) raw.CopyTo(bgr);
        else Cv2.CvtColor(raw, bgr, ColorConversionCodes.YUV2BGR_I420);
    }

    /// <summary>A new BGR matrix of <paramref name="area"/> of a raw frame (I420 areas must have even coordinates).</summary>
    public Mat CropToBgr(byte[] raw, Rect area)
    {
        if (IsBgr)
        {
            using var view = View(raw);
            using var part = new Mat(view, area);
            return part.Clone();
        }

        // An I420 picture of the area: its luma rows, then its rows of each half-size chroma plane.
        var (w, h, cw, ch) = (area.Width, area.Height, area.Width / 2, area.Height / 2);
        using var yuv = new Mat(h * 3 / 2, w, MatType.CV_8UC1);
        var planar = yuv.AsSpan<byte>();
        for (var y = 0; y < h; y++)
            raw.AsSpan((area.Y + y) * Width + area.X, w).CopyTo(planar[(y * w)..]);
        var chromaWidth = Width / 2;
        for (var plane = 0; plane < 2; plane++)
        {
            var source = Width * Height + plane * (Width / 2) * (Height / 2);
            var target = w * h + plane * cw * ch;
            for (var y = 0; y < ch; y++)
                raw.AsSpan(source + (area.Y / 2 + y) * chromaWidth + area.X / 2, cw).CopyTo(planar[(target + y * cw)..]);
        }
        var bgr = new Mat();
        Cv2.CvtColor(yuv, bgr, ColorConversionCodes.YUV2BGR_I420);
        return bgr;
    }

    public void FromBgr(Mat bgr, Mat raw)
    {
        if (IsBgr) bgr.CopyTo(raw);
        else Cv2.CvtColor(bgr, raw, ColorConversionCodes.BGR2YUV_I420);
    }
}
