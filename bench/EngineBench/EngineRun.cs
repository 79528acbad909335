using System.Diagnostics;
using System.Text.Json;
using Vtis.Engine;

namespace Vtis.EngineBench;

/// <summary>One engine run on one video, measured from outside: its result, peaks and the boxes it cleaned.</summary>
internal sealed record EngineRun(
    InpaintMethod Method, string Input, string Output, ChildReport Report, long TreePeakBytes, IReadOnlyList<PixelBox>[] Boxes)
{
    /// <summary>Longest a single run may take before the bench gives up on it.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    public bool Succeeded => Report.Error is null;

    public double FramesPerSecond => Report.ElapsedSeconds <= 0 ? 0 : Report.Frames / Report.ElapsedSeconds;

    /// <summary>Runs the engine in a child copy of this program (see <see cref="EngineChild"/>).</summary>
    public static async Task<EngineRun> StartAsync(
        string input, string output, string boxes, InpaintMethod method, BenchOptions options, CancellationToken ct)
    {
        File.Delete(output);
        File.Delete(boxes);
        var info = Ffmpeg.StartInfo(SelfCommand(out var prefix), [.. prefix, .. EngineChild.Arguments(input, output, method, options.Threads, boxes, options.EngineSettings)]);
        // As the Docker image and the run script start the app: glibc's malloc arenas capped (see the Dockerfile).
        info.Environment.TryAdd("MALLOC_ARENA_MAX", "2");
        using var child = Process.Start(info) ?? throw new InvalidOperationException("The engine child process did not start.");
        child.StandardInput.Close();
        var stdout = child.StandardOutput.ReadToEndAsync(ct);
        var stderr = child.StandardError.ReadToEndAsync(ct);
        long treePeak;
        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            limit.CancelAfter(Limit);
            await using var memory = new ProcessTreeMemory(child.Id);
            try
            {
                await child.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                child.Kill(entireProcessTree: true);
                await child.WaitForExitAsync(CancellationToken.None);
                if (ct.IsCancellationRequested) throw;
                return Failed($"no result after {Limit.TotalMinutes:0} minutes; stopped");
            }

            treePeak = memory.PeakBytes;
        }

        var lastLine = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        ChildReport? report = null;
        try
        {
            report = lastLine is null ? null : JsonSerializer.Deserialize<ChildReport>(lastLine, ChildReport.Json);
        }
        catch (JsonException)
        {
            // reported below with what the child wrote to stderr
        }

        if (report is null)
            return Failed($"the child exited with {child.ExitCode} without a report: {Ffmpeg.Tail(await stderr)}");
        var frames = report.Error is null ? EngineChild.ReadBoxes(boxes, report.Frames) : [];
        return new EngineRun(method, input, output, report, treePeak, frames);

        EngineRun Failed(string error) => new(method, input, output, new ChildReport(0, 0, 0, 0, 0, 0, 0, error), 0, []);
    }

    /// <summary>How to start this program again: its apphost, or <c>dotnet Vtis.EngineBench.dll</c> when run that way.</summary>
    private static string SelfCommand(out string[] prefix)
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("The bench cannot find its own executable.");
        var isHost = Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        prefix = isHost ? [typeof(EngineRun).Assembly.Location] : [];
        return path;
    }
}
