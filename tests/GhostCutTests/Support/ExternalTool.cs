using System.Diagnostics;

namespace Vtis.GhostCutTests.Support;

/// <summary>Runs ffmpeg and ffprobe for fixtures and checks, failing the test when they fail.</summary>
internal static class ExternalTool
{
    public static async Task<string> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.That(process.ExitCode, Is.Zero, $"{file} failed: {await errors}");
        return await output;
    }

    /// <summary>A two-second 320x240 H.264/AAC clip, small enough to render in a fraction of a second.</summary>
    public static Task CreateTestVideoAsync(string path) => RunAsync("ffmpeg",
        "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
        "-f", "lavfi", "-i", "testsrc=size=320x240:rate=10", "-f", "lavfi", "-i", "sine",
        "-t", "2", "-shortest", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", path);

    /// <summary>The codec of each stream, e.g. <c>h264</c> then <c>aac</c>.</summary>
    public static async Task<IReadOnlyList<string>> CodecsAsync(string path) =>
        (await RunAsync("ffprobe", "-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0", path))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
