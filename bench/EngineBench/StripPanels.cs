using OpenCvSharp;

namespace Vtis.EngineBench;

/// <summary>
/// The three crops of a before/after strip, at native resolution: the subtitled input, the engine's output and the
/// clean truth, around a line in the middle of its display (or low in the middle of the frame when there is no text).
/// </summary>
internal sealed class StripPanels(Mat input, Mat output, Mat clean) : IDisposable
{
    public const int Width = 400;

    public const int Height = 120;

    public Mat Input { get; } = input;

    public Mat Output { get; } = output;

    public Mat Clean { get; } = clean;

    public static StripPanels Capture(LumaStreams streams, Rect? line)
    {
        int width = streams.Clean.Width, height = streams.Clean.Height * 2 / 3;
        var cropHeight = Math.Min(height, Math.Max(Height, (line?.Height ?? 0) + 16));
        var cropWidth = Math.Min(width, Width);
        var (cx, cy) = line is { } box ? (box.X + box.Width / 2, box.Y + box.Height / 2) : (width / 2, height * 4 / 5);
        var area = new Rect(Math.Clamp(cx - cropWidth / 2, 0, width - cropWidth), Math.Clamp(cy - cropHeight / 2, 0, height - cropHeight), cropWidth, cropHeight);
        return new StripPanels(Crop(streams.Input, area), Crop(streams.Output, area), Crop(streams.Clean, area));
    }

    /// <summary>The panels side by side with a 2 px grey separator, as one bgr24 image.</summary>
    public Mat Compose()
    {
        const int separator = 2;
        var strip = new Mat(Input.Height, 3 * Input.Width + 2 * separator, MatType.CV_8UC3, Scalar.All(128));
        var x = 0;
        foreach (var panel in new[] { Input, Output, Clean })
        {
            using var place = new Mat(strip, new Rect(x, 0, panel.Width, panel.Height));
            panel.CopyTo(place);
            x += panel.Width + separator;
        }

        return strip;
    }

    public void Dispose()
    {
        Input.Dispose();
        Output.Dispose();
        Clean.Dispose();
    }

    private static Mat Crop(Mat yuv, Rect area)
    {
        using var colour = new Mat();
        Cv2.CvtColor(yuv, colour, ColorConversionCodes.YUV2BGR_I420);
        using var crop = new Mat(colour, area);
        return crop.Clone();
    }
}
