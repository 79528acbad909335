using System.Diagnostics;
using System.Globalization;

namespace Vtis.EngineBench;

/// <summary>Runs ffmpeg and ffprobe to completion; a failure throws with the end of what the tool said.</summary>
internal static class Ffmpeg
{
    public static ProcessStartInfo StartInfo(string tool, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true, // ffmpeg reads keys from a terminal's stdin; give it none
            UseShellExecute = false,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        return info;
    }

    /// <summary>Runs ffmpeg; returns how long it took.</summary>
    public static async Task<TimeSpan> RunAsync(IEnumerable<string> args, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        await RunToolAsync("ffmpeg", ["-hide_banner", "-nostdin", "-v", "error", "-y", .. args], ct);
        return watch.Elapsed;
    }

    /// <summary>Frames in the first video stream, counted from packets (no decoding).</summary>
    public static async Task<int> CountFramesAsync(string path, CancellationToken ct)
    {
        var output = await RunToolAsync("ffprobe",
            ["-v", "error", "-select_streams", "v:0", "-count_packets", "-show_entries", "stream=nb_read_packets", "-of", "csv=p=0", path], ct);
        return int.Parse(output.Trim().TrimEnd(','), CultureInfo.InvariantCulture);
    }

    /// <summary>Frames the decoder gives for the first video stream, each passed on as it comes (no frame rate
    /// conversion): the last <c>frame=</c> of ffmpeg's progress report.</summary>
    public static async Task<int> DecodeFramesAsync(string path, CancellationToken ct)
    {
        var output = await RunToolAsync("ffmpeg",
            ["-hide_banner", "-nostdin", "-v", "error", "-i", path, "-map", "0:v:0", "-fps_mode", "passthrough", "-f", "null", "-progress", "pipe:1", "-nostats", "-"], ct);
        var last = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("frame=", StringComparison.Ordinal));
        return last is null ? 0 : int.Parse(last["frame=".Length..], CultureInfo.InvariantCulture);
    }

    private static async Task<string> RunToolAsync(string tool, IEnumerable<string> args, CancellationToken ct)
    {
        var info = StartInfo(tool, args);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{tool} did not start.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var error = await stderr;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} exited with {process.ExitCode}: {Tail(error)}");
        return await stdout;
    }

    public static string Tail(string text, int max = 600) =>
        text.Length <= max ? text.Trim() : "..." + text[^max..].Trim();
}
