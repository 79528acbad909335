using System.Diagnostics;
using Vtis.Engine;

namespace Vtis.EngineTests.Support;

/// <summary>One engine run: its output, its result, and everything it reported on the way, in order.</summary>
internal sealed record EngineRun(
    string Input, string Output, RemovalResult Result, IReadOnlyList<RemovalProgress> Progress, IReadOnlyList<FrameMask> Masks);

/// <summary>Runs the shared engine. Runs with default settings are cached per clip, so tests reading one outcome share it.</summary>
internal static class EngineRuns
{
    private static readonly Dictionary<string, Task<EngineRun>> Cached = [];
    private static readonly Lock Gate = new();

    /// <summary>The clip cleaned with default settings (detection on, no regions), once per test run.</summary>
    public static Task<EngineRun> DefaultAsync(string input)
    {
        lock (Gate)
        {
            if (!Cached.TryGetValue(input, out var run)) Cached[input] = run = RunAsync(input);
            return run;
        }
    }

    public static async Task<EngineRun> RunAsync(string input, IReadOnlyList<TextRegion>? regions = null, bool detect = true, bool staticOverlays = true)
    {
        var output = Path.Combine(Workspace.NewOutputFolder(), Path.GetFileNameWithoutExtension(input) + ".clean.mp4");
        var progress = new ProgressLog();
        var masks = new List<FrameMask>();
        var request = new RemovalRequest
        {
            InputPath = input,
            OutputPath = output,
            Regions = regions ?? [],
            Detect = detect,
            StaticOverlays = staticOverlays,
            OnFrameMask = mask =>
            {
                lock (masks) masks.Add(mask);
            },
        };
        var clock = Stopwatch.StartNew();
        var result = await Workspace.Engine.RunAsync(request, progress);
        TestContext.Progress.WriteLine(
            $"{Path.GetFileName(input)} (detect={detect}, regions={regions?.Count ?? 0}): {result.Frames} frames {result.Width}x{result.Height}, " +
            $"{result.FramesWithText} with text, {clock.Elapsed.TotalSeconds:F1} s ({result.FramesPerSecond:F1} fps)");
        return new EngineRun(input, output, result, progress.Reports, masks);
    }
}

/// <summary>
/// Records progress synchronously on the reporting thread (unlike <see cref="Progress{T}"/>, which posts to the thread
/// pool and may reorder), and calls <paramref name="onReport"/> the same way.
/// </summary>
internal sealed class ProgressLog(Action<RemovalProgress>? onReport = null) : IProgress<RemovalProgress>
{
    private readonly List<RemovalProgress> _reports = [];

    public IReadOnlyList<RemovalProgress> Reports
    {
        get
        {
            lock (_reports) return [.. _reports];
        }
    }

    public void Report(RemovalProgress value)
    {
        lock (_reports) _reports.Add(value);
        onReport?.Invoke(value);
    }
}
