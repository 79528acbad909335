using System.Globalization;

namespace Vtis.EngineBench;

/// <summary>
/// The speed limit for any engine that decodes and re-encodes: plain ffmpeg doing only that, with the engine's
/// encoder settings (x264 veryfast, CRF 20, yuv420p, audio copied).
/// </summary>
internal static class TranscodeSpeed
{
    public static async Task<double> FramesPerSecondAsync(string input, string output, int frames, int threads, CancellationToken ct)
    {
        string[] threading = threads > 0 ? ["-threads", threads.ToString(CultureInfo.InvariantCulture)] : [];
        var elapsed = await Ffmpeg.RunAsync(
            ["-i", input, .. threading, "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p", "-c:a", "copy", output], ct);
        File.Delete(output);
        return frames / elapsed.TotalSeconds;
    }
}
