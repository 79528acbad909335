using System.Diagnostics;

namespace Vtis.Bench;

/// <summary>The video the load phases submit jobs for: 3 s of ffmpeg's test pattern, 320x240, H.264.</summary>
internal static class SampleVideo
{
    public static async Task<string> MakeAsync(string folder, CancellationToken ct)
    {
        var path = Path.Combine(folder, "sample.mp4");
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in "-y -v error -f lavfi -i testsrc=size=320x240:rate=15 -t 3 -c:v libx264 -preset ultrafast -pix_fmt yuv420p".Split(' '))
            start.ArgumentList.Add(argument);
        start.ArgumentList.Add(path);
        using var ffmpeg = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start.");
        var errors = await ffmpeg.StandardError.ReadToEndAsync(ct);
        await ffmpeg.WaitForExitAsync(ct);
        if (ffmpeg.ExitCode != 0) throw new InvalidOperationException($"ffmpeg could not make the sample video: {errors}");
        return path;
    }
}
