using System.Diagnostics;

namespace Vtis.EngineTests.Support;

/// <summary>ffmpeg and ffprobe from PATH. Arguments go one by one (no shell), so filter graphs need no extra quoting.</summary>
internal static class Ffmpeg
{
    /// <summary>Runs ffmpeg and returns what it wrote to stdout; a non-zero exit is an exception carrying stderr.</summary>
    public static async Task<string> RunAsync(params IEnumerable<string> arguments)
    {
        var (code, output, errors) = await ExecuteAsync("ffmpeg", ["-nostdin", "-y", "-v", "error", .. arguments]);
        return code == 0 ? output : throw new InvalidOperationException($"ffmpeg {string.Join(' ', arguments)} failed: {errors}");
    }

    /// <summary>Runs ffprobe and returns its stdout.</summary>
    public static async Task<string> ProbeAsync(params IEnumerable<string> arguments)
    {
        var (code, output, errors) = await ExecuteAsync("ffprobe", ["-v", "error", .. arguments]);
        return code == 0 ? output : throw new InvalidOperationException($"ffprobe {string.Join(' ', arguments)} failed: {errors}");
    }

    /// <summary>Starts ffmpeg with stdout piped to the caller; stderr is drained into the returned task.</summary>
    public static (Process Process, Task<string> Errors) Start(IEnumerable<string> arguments)
    {
        var process = Process.Start(StartInfo("ffmpeg", ["-nostdin", "-v", "error", .. arguments]))
            ?? throw new InvalidOperationException("ffmpeg did not start");
        return (process, process.StandardError.ReadToEndAsync());
    }

    private static async Task<(int Code, string Output, string Errors)> ExecuteAsync(string tool, IEnumerable<string> arguments)
    {
        using var process = Process.Start(StartInfo(tool, arguments)) ?? throw new InvalidOperationException($"{tool} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await errors);
    }

    private static ProcessStartInfo StartInfo(string tool, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return start;
    }
}
