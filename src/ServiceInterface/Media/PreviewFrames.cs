using System.Diagnostics;
using System.Globalization;
using Vtis.ServiceInterface.Storage;

namespace Vtis.ServiceInterface.Media;

/// <summary>A still of a video (a JPEG at most 1280 pixels wide), made once with ffmpeg and kept beside the video:
/// what the web app shows to draw the regions to clean on.</summary>
public sealed class PreviewFrames(IBlobStore store)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static string KeyFor(string videoKey) => videoKey[..(videoKey.LastIndexOf('/') + 1)] + "preview.jpg";

    /// <summary>The preview's key, made first if needed from the frame at a third of the video (at most 1 s in).</summary>
    public async Task<string> EnsureAsync(string videoKey, double durationSeconds, CancellationToken ct)
    {
        var key = KeyFor(videoKey);
        if (await store.GetInfoAsync(key, ct) is not null) return key;
        var input = store.GetToolInput(videoKey, TimeSpan.FromMinutes(5));
        var output = Path.Combine(Path.GetTempPath(), $"vtis-preview-{Guid.NewGuid():N}.jpg");
        try
        {
            var at = Math.Min(1.0, durationSeconds / 3).ToString("0.###", CultureInfo.InvariantCulture);
            var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var a in (string[])["-hide_banner", "-nostdin", "-v", "error", "-ss", at, "-i", input, "-frames:v", "1",
                         "-vf", "scale='min(1280,iw)':-2", "-q:v", "4", "-y", output])
                start.ArgumentList.Add(a);
            using var process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start.");
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(Timeout);
            var errors = process.StandardError.ReadToEndAsync(limit.Token);
            await process.WaitForExitAsync(limit.Token);
            if (process.ExitCode != 0 || !File.Exists(output))
                throw new InvalidOperationException($"ffmpeg made no preview: {(await errors).Trim()}");
            await using var file = File.OpenRead(output);
            await store.PutAsync(key, file, "image/jpeg", ct);
            return key;
        }
        finally
        {
            File.Delete(output);
        }
    }
}
