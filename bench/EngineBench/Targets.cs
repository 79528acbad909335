using static Vtis.EngineBench.Markdown;

namespace Vtis.EngineBench;

/// <summary>The engine's acceptance targets, each printed as one PASS/FAIL line.</summary>
internal static class Targets
{
    public const double PsnrGainDb = 3;
    public const double CleanLineShare = 0.95;
    public const double RealTime = 1;
    public const double MemoryGrowth = 0.15;

    public static IEnumerable<string> Lines(IReadOnlyList<ClipScore> scores, IReadOnlyList<ClipRuns> runs, MemoryProbe? memory, int cores)
    {
        yield return PsnrGain(scores);
        yield return CleanLines(scores);
        yield return Speed(runs, cores);
        yield return FlatMemory(memory);
    }

    private static string PsnrGain(IReadOnlyList<ClipScore> scores)
    {
        var moving = scores.Where(c => c.Spec.Camera == Camera.Moving).ToList();
        var pooled = QualityTable.Pool(moving);
        var label = $"PSNR inside text masks >= {PsnrGainDb:0} dB above per-frame Telea on moving-camera clips";
        if (!pooled.Engine.HasFrames || !pooled.Baseline.HasFrames) return $"- {Verdict(null)} {label}";
        var gain = pooled.Engine.MaskPsnr - pooled.Baseline.MaskPsnr;
        var perClip = string.Join(", ", moving.Where(c => c.Quality.Count == 2).Select(c =>
            $"{c.Spec.Name} {Signed(c.Quality[QualityTable.Engine].MaskPsnr - c.Quality[QualityTable.Baseline].MaskPsnr)}"));
        return $"- {Verdict(gain >= PsnrGainDb)} {label}: {F("0.00", pooled.Engine.MaskPsnr)} vs {F("0.00", pooled.Baseline.MaskPsnr)} dB, " +
               $"{Signed(gain)} dB pooled (per clip: {perClip})";
    }

    private static string CleanLines(IReadOnlyList<ClipScore> scores)
    {
        var pooled = QualityTable.Pool(scores);
        var label = $"no recognisable residual text on >= {CleanLineShare:P0} of subtitle lines";
        var r = pooled.EngineResidual;
        if (r.Lines == 0) return $"- {Verdict(null)} {label}";
        var clean = (double)(r.Lines - r.LinesRead) / r.Lines;
        return $"- {Verdict(clean >= CleanLineShare)} {label}: {r.Lines - r.LinesRead} of {r.Lines} lines clean ({Pct(clean)}); " +
               $"the recogniser reads {pooled.Input.LinesRead} of {pooled.Input.Lines} lines in the input ({Pct(pooled.Input.ReadShare)})";
    }

    private static string Speed(IReadOnlyList<ClipRuns> runs, int cores)
    {
        var (fps, realTime, _) = SpeedTable.Speed(runs, 720);
        var label = $"at least real time for 720p at 30 fps on {cores} cores";
        return double.IsNaN(fps) ? $"- {Verdict(null)} {label}"
            : $"- {Verdict(realTime >= RealTime)} {label}: {F("0.0", fps)} fps, {F("0.00", realTime)}x real time";
    }

    private static string FlatMemory(MemoryProbe? memory)
    {
        var label = $"memory flat in video length (3x clip's peak within {MemoryGrowth:P0} of the 1x clip's)";
        if (memory is not { Short.Succeeded: true, Long.Succeeded: true }) return $"- {Verdict(null)} {label}";
        var growth = (double)memory.Long.Report.PeakBytes / memory.Short.Report.PeakBytes - 1;
        return $"- {Verdict(growth <= MemoryGrowth)} {label}: {MB(memory.Short.Report.PeakBytes)} MB for {memory.Short.Report.Frames} frames, " +
               $"{MB(memory.Long.Report.PeakBytes)} MB for {memory.Long.Report.Frames} frames ({Signed(100 * growth)} %)";
    }

    private static string Signed(double value) => (value >= 0 ? "+" : "") + F("0.0", value);
}
