using System.Diagnostics;
using System.Text.Json;
using Vtis.Engine;

namespace Vtis.EngineBench;

/// <summary>Frames in a video counted two ways: packets in the container, and frames a decoder actually gives (an edit
/// list can discard a packet, so the second is what a viewer gets).</summary>
internal sealed record FrameCount(int Decoded, int Packets);

/// <summary>One engine run on one video, measured from outside: its result, peaks, the frames it wrote, and where its
/// boxes and pixel masks are.</summary>
internal sealed record EngineRun(string Input, string Output, string Boxes, ChildReport Report, long TreePeakBytes, FrameCount? Written)
{
    /// <summary>Longest a single run may take before the bench gives up on it.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    public bool Succeeded => Report.Error is null;

    public double FramesPerSecond => Report.ElapsedSeconds <= 0 ? 0 : Report.Frames / Report.ElapsedSeconds;

    public string Masks => EngineMaskFile.PathBeside(Boxes);

    /// <summary>Runs the engine in a child copy of this program (see <see cref="EngineChild"/>), then counts what it wrote.</summary>
    public static async Task<EngineRun> StartAsync(string input, string output, string boxes, BenchOptions options, CancellationToken ct)
    {
        File.Delete(output);
        File.Delete(boxes);
        File.Delete(EngineMaskFile.PathBeside(boxes));
        var info = Ffmpeg.StartInfo(SelfCommand(out var prefix), [.. prefix, .. EngineChild.Arguments(input, output, options.Threads, boxes, options.EngineSettings)]);
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
        var written = report.Error is null && File.Exists(output)
            ? new FrameCount(await Ffmpeg.DecodeFramesAsync(output, ct), await Ffmpeg.CountFramesAsync(output, ct))
            : null;
        return new EngineRun(input, output, boxes, report, treePeak, written);

        EngineRun Failed(string error) => new(input, output, boxes, new ChildReport(0, 0, 0, 0, 0, 0, 0, error), 0, null);
    }

    /// <summary>The pixels the engine replaced, per frame (empty for frames it reported nothing on).</summary>
    public MaskRun[][] ReadMasks(int frames) => File.Exists(Masks) ? EngineMaskFile.Read(Masks, frames) : [.. Enumerable.Repeat(Array.Empty<MaskRun>(), frames)];

    /// <summary>How to start this program again: its apphost, or <c>dotnet Vtis.EngineBench.dll</c> when run that way.</summary>
    private static string SelfCommand(out string[] prefix)
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("The bench cannot find its own executable.");
        var isHost = Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        prefix = isHost ? [typeof(EngineRun).Assembly.Location] : [];
        return path;
    }
}
