using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Vtis.GhostCut;

namespace Vtis.TestSupport;

/// <summary>Produces a real result video with ffmpeg; an undecodable input fails like GhostCut's code 16.</summary>
internal sealed partial class VideoRenderer(GhostCutSimulatorOptions options)
{
    public async Task<WorkOutcome> RenderAsync(string input, string output, IReadOnlyList<GhostCutMask> masks, CancellationToken ct)
    {
        if (options.UseEngine) return await EngineRenderer.RenderAsync(input, output, masks, options.RenderTimeout, ct);
        var start = new ProcessStartInfo(options.FfmpegPath)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[
            "-hide_banner", "-nostdin", "-nostats", "-y", "-i", input, "-vf", MaskFilter.For(masks),
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "copy", "-movflags", "+faststart", output])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{options.FfmpegPath} did not start.");
        // Read without a token: both streams end when ffmpeg exits or is killed.
        var log = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var discarded = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.RenderTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await Task.WhenAll(log, discarded);
            ct.ThrowIfCancellationRequested();
            return WorkOutcome.Failed(GhostCutFailures.TimedOut, "Rendering timed out.");
        }

        var text = await log;
        await discarded;
        return process.ExitCode == 0
            ? WorkOutcome.Succeeded(Duration(text))
            : WorkOutcome.Failed(GhostCutFailures.Corrupt, $"The video may be corrupt: {LastLine(text)}");
    }

    private static double? Duration(string log)
    {
        var match = DurationLine().Match(log);
        return match.Success
            ? TimeSpan.ParseExact(match.Groups[1].Value, @"hh\:mm\:ss\.FF", CultureInfo.InvariantCulture).TotalSeconds
            : null;
    }

    private static string LastLine(string log) =>
        log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "ffmpeg failed.";

    [GeneratedRegex(@"Duration: (\d{2}:\d{2}:\d{2}\.\d{1,2})")]
    private static partial Regex DurationLine();
}
