using System.Globalization;

namespace Vtis.EngineBench;

/// <summary>
/// The plain transcode: ffmpeg only decoding and re-encoding, with the engine's encoder settings (x264 veryfast, CRF 20,
/// yuv420p, audio copied). Its speed is the limit for any engine that decodes and re-encodes; its output is what "the
/// engine changed nothing outside the text" is measured against, so it is kept.
/// </summary>
internal static class TranscodeSpeed
{
    public static async Task<double> FramesPerSecondAsync(string input, string output, int frames, int threads, CancellationToken ct)
    {
        string[] threading = threads > 0 ? ["-threads", threads.ToString(CultureInfo.InvariantCulture)] : [];
        var elapsed = await Ffmpeg.RunAsync(
            ["-i", input, .. threading, "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p", "-c:a", "copy", output], ct);
        return frames / elapsed.TotalSeconds;
    }
}
