using OpenCvSharp;

namespace Vtis.Engine.Media;

/// <summary>The planar YUV layout frames travel in between ffmpeg and the engine, and the engine works in.
/// I420 (what H.264 stores) halves the bytes piped and needs no colour conversion at all: the engine reads and writes
/// the planes themselves, so pixels it does not clean leave exactly as they came. Odd-sized frames cannot be I420:
/// they travel as planar 4:4:4.</summary>
internal sealed record RawFormat(string FfmpegName, int Width, int Height, byte[] FourCc, int ChromaShift)
{
    public static RawFormat For(int width, int height) => width % 2 == 0 && height % 2 == 0
        ? new RawFormat("yuv420p", width, height, "I420"u8.ToArray(), 1)
        : new RawFormat("yuv444p", width, height, "444P"u8.ToArray(), 0);

    /// <summary>Width of the two chroma planes.</summary>
    public int ChromaWidth => Width >> ChromaShift;

    /// <summary>Height of the two chroma planes.</summary>
    public int ChromaHeight => Height >> ChromaShift;

    private int LumaBytes => checked(Width * Height);

    private int ChromaBytes => checked(ChromaWidth * ChromaHeight);

    public int FrameBytes => checked(LumaBytes + 2 * ChromaBytes);

    /// <summary>Matrices over the three planes of <paramref name="raw"/> (Y, U, V). They borrow the array through
    /// <paramref name="pin"/>, a one-row view that keeps it pinned: keep it alive (and dispose it last).</summary>
    public Mat[] Planes(byte[] raw, out Mat pin)
    {
        pin = Mat.FromPixelData(1, FrameBytes, MatType.CV_8UC1, raw);
        return [View(pin, 0, Height, Width), View(pin, LumaBytes, ChromaHeight, ChromaWidth), View(pin, LumaBytes + ChromaBytes, ChromaHeight, ChromaWidth)];
    }

    private static Mat View(Mat line, int offset, int rows, int cols)
    {
        using var part = line.ColRange(offset, offset + rows * cols);
        return part.Reshape(1, rows);
    }

    /// <summary>A BGR picture of the frame (for the detector).</summary>
    public Mat ToBgr(byte[] raw)
    {
        if (ChromaShift == 0) return CropToBgr(raw, new Rect(0, 0, Width, Height));
        using var i420 = Mat.FromPixelData(Height * 3 / 2, Width, MatType.CV_8UC1, raw);
        var bgr = new Mat();
        Cv2.CvtColor(i420, bgr, ColorConversionCodes.YUV2BGR_I420);
        return bgr;
    }

    /// <summary>A new BGR matrix of <paramref name="area"/> of a raw frame (with I420, at even coordinates).</summary>
    public Mat CropToBgr(byte[] raw, Rect area)
    {
        var bgr = new Mat();
        if (ChromaShift == 0)
        {
            var planes = Planes(raw, out var pin);
            var parts = planes.Select(p => new Mat(p, area)).ToArray();
            try
            {
                using var yuv = new Mat();
                Cv2.Merge(parts, yuv);
                Cv2.CvtColor(yuv, bgr, ColorConversionCodes.YUV2BGR);
                return bgr;
            }
            finally
            {
                foreach (var p in parts.Concat(planes)) p.Dispose();
                pin.Dispose();
            }
        }

        // An I420 picture of the area: its luma rows, then its rows of each half-size chroma plane.
        var (w, h, cw, ch) = (area.Width, area.Height, area.Width / 2, area.Height / 2);
        using var i420 = new Mat(h * 3 / 2, w, MatType.CV_8UC1);
        var planar = i420.AsSpan<byte>();
        for (var row = 0; row < h; row++)
            raw.AsSpan((area.Y + row) * Width + area.X, w).CopyTo(planar[(row * w)..]);
        for (var plane = 0; plane < 2; plane++)
        {
            var source = LumaBytes + plane * ChromaBytes;
            var target = w * h + plane * cw * ch;
            for (var row = 0; row < ch; row++)
                raw.AsSpan(source + (area.Y / 2 + row) * ChromaWidth + area.X / 2, cw).CopyTo(planar[(target + row * cw)..]);
        }
        Cv2.CvtColor(i420, bgr, ColorConversionCodes.YUV2BGR_I420);
        return bgr;
    }
}
