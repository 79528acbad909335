using static Vtis.EngineBench.Markdown;
using static Vtis.EngineBench.Targets;

namespace Vtis.EngineBench;

/// <summary>The targets about runs rather than pixels: every frame kept, speed, and memory flat in video length.</summary>
internal static class RunTargets
{
    public static IEnumerable<string> Lines(IReadOnlyList<ClipRuns> runs, MemoryProbe? memory, int cores)
    {
        yield return FramesKept(runs, memory);
        yield return Speed(runs, 720, RealTime720, cores);
        yield return Speed(runs, 1080, RealTime1080, cores);
        yield return FlatMemory(memory);
    }

    /// <summary>Every output decodes to as many frames as its input has (the count a player shows, not the packets).</summary>
    private static string FramesKept(IReadOnlyList<ClipRuns> runs, MemoryProbe? memory)
    {
        var all = runs.Select(r => (r.Clip.Spec.Name, Expected: r.Clip.Spec.Frames, r.Engine)).ToList();
        if (memory is not null)
        {
            all.Add(($"{memory.Clip.Spec.Name} x{BenchRun.ShortBy}", BenchRun.ShortBy * memory.Clip.Spec.Frames, memory.Short));
            all.Add(($"{memory.Clip.Spec.Name} x{BenchRun.LongerBy}", BenchRun.LongerBy * memory.Clip.Spec.Frames, memory.Long));
        }
        var incomplete = all.Where(r => r.Engine.Written?.Decoded != r.Expected).ToList();
        return Line(all.Count == 0 ? null : incomplete.Count == 0, "every frame kept (decoded output frames = input frames, all runs)",
            $"{all.Count - incomplete.Count} of {all.Count} outputs complete" + (incomplete.Count == 0 ? ""
                : "; " + string.Join(", ", incomplete.Select(r => $"{r.Name} {(r.Engine.Written is { } w ? $"{w.Decoded} of {r.Expected}" : "failed")}"))));
    }

    private static string Speed(IReadOnlyList<ClipRuns> runs, int height, double target, int cores)
    {
        var (fps, realTime, ratio) = SpeedTable.Speed(runs, height);
        return Line(Is(fps, realTime >= target), $"{height}p30 at least {target:0.00}x real time on {cores} cores",
            $"{F("0.0", fps)} fps, {F("0.00", realTime)}x real time, {F("0.00", ratio)} of the plain transcode's speed");
    }

    private static string FlatMemory(MemoryProbe? memory)
    {
        var label = $"memory flat in video length ({BenchRun.LongerBy}x clip's peak within {MemoryGrowth:P0} of the {BenchRun.ShortBy}x clip's)";
        if (memory is not { Short.Succeeded: true, Long.Succeeded: true }) return Line(null, label, "");
        var growth = (double)memory.Long.Report.PeakBytes / memory.Short.Report.PeakBytes - 1;
        return Line(growth <= MemoryGrowth, label,
            $"{MB(memory.Short.Report.PeakBytes)} MB for {memory.Short.Report.Frames} frames, {MB(memory.Long.Report.PeakBytes)} MB for " +
            $"{memory.Long.Report.Frames} frames ({Signed(100 * growth)} %)");
    }
}
