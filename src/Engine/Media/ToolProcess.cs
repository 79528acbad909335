using System.ComponentModel;
using System.Diagnostics;

namespace Vtis.Engine.Media;

/// <summary>Starting ffmpeg and ffprobe: argument lists (never a shell), and a clear message when they are missing.</summary>
internal static class ToolProcess
{
    public sealed record Output(int ExitCode, string Stdout, string Stderr);

    public static Process Start(string file, IEnumerable<string> args, bool stdin, bool stdout)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardInput = stdin,
            RedirectStandardOutput = stdout,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        try
        {
            return Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"{file} is not installed or not on PATH (Debian: apt-get install ffmpeg).", e);
        }
    }

    public static async Task<Output> RunAsync(string file, IEnumerable<string> args, CancellationToken ct)
    {
        using var process = Start(file, args, stdin: false, stdout: true);
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            return new Output(process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            Kill(process);
        }
    }

    public static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
