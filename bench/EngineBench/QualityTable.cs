using Vtis.Engine;
using static Vtis.EngineBench.Markdown;

namespace Vtis.EngineBench;

/// <summary>
/// The quality table: one row per clip, then the moving-camera clips pooled and all clips pooled. Pairs read
/// "engine / per-frame Telea". Detection columns are the engine's (both methods clean the same detections).
/// </summary>
internal static class QualityTable
{
    public const InpaintMethod Engine = InpaintMethod.Temporal;
    public const InpaintMethod Baseline = InpaintMethod.PerFrameTelea;

    public static IEnumerable<string> Lines(IReadOnlyList<ClipScore> clips)
    {
        yield return Row("Clip", "Camera", "Frames", "PSNR text dB", "SSIM text", "PSNR frame dB", "SSIM frame",
            "Detection recall", "Detection precision", "Text px in boxes", "Lines read in input", "Lines still readable");
        yield return Rule(12);
        foreach (var clip in clips)
            yield return Cells(clip.Spec.Name, clip.Spec.Camera.ToString().ToLowerInvariant(), clip.FramesCompared, Pool([clip]));
        var moving = clips.Where(c => c.Spec.Camera == Camera.Moving).ToList();
        yield return Cells("**moving camera**", "", moving.Sum(c => c.FramesCompared), Pool(moving));
        yield return Cells("**overall**", "", clips.Sum(c => c.FramesCompared), Pool(clips));
    }

    /// <summary>Clips pooled: errors and pixel counts are summed, not averaged per clip.</summary>
    public static Pooled Pool(IEnumerable<ClipScore> clips)
    {
        var list = clips.ToList();
        var pooled = new Pooled(new ImageQuality(), new ImageQuality(), new DetectionScore(),
            ReadingTotals.Of(list.Select(c => c.Input)),
            ReadingTotals.Of(list.Where(c => c.Residual.ContainsKey(Engine)).Select(c => c.Residual[Engine])),
            ReadingTotals.Of(list.Where(c => c.Residual.ContainsKey(Baseline)).Select(c => c.Residual[Baseline])));
        foreach (var c in list)
        {
            if (c.Quality.TryGetValue(Engine, out var e)) pooled.Engine.Add(e);
            if (c.Quality.TryGetValue(Baseline, out var b)) pooled.Baseline.Add(b);
            if (c.Detection.TryGetValue(Engine, out var d)) pooled.Detection.Add(d);
        }

        return pooled;
    }

    private static string Cells(string name, string camera, int frames, Pooled p)
    {
        var e = p.Engine;
        var b = p.Baseline.HasFrames ? p.Baseline : null;
        var d = p.Detection;
        if (!e.HasFrames)
            return Row(name, camera, I(frames), Missing, Missing, Missing, Missing, Missing, Missing, Missing, Readings(p.Input), Missing);
        return Row(name, camera, I(frames),
            Pair("0.00", e.MaskPsnr, b?.MaskPsnr), Pair("0.000", e.MaskSsim, b?.MaskSsim),
            Pair("0.00", e.FramePsnr, b?.FramePsnr), Pair("0.000", e.FrameSsim, b?.FrameSsim),
            Pct(d.Recall), Pct(d.Precision), Pct(d.PixelCoverage),
            Readings(p.Input), p.EngineResidual.Lines == 0 ? Missing : Residual(p.EngineResidual, p.BaselineResidual));
    }

    private static string Readings(ReadingTotals t) => t.Lines == 0 ? Missing : $"{t.LinesRead} of {t.Lines}";

    private static string Residual(ReadingTotals engine, ReadingTotals baseline) =>
        baseline.Lines == 0 ? $"{engine.LinesRead} of {engine.Lines}" : $"{engine.LinesRead} / {baseline.LinesRead} of {engine.Lines}";
}

/// <summary>Pooled figures of a set of clips.</summary>
internal sealed record Pooled(
    ImageQuality Engine, ImageQuality Baseline, DetectionScore Detection, ReadingTotals Input, ReadingTotals EngineResidual, ReadingTotals BaselineResidual);
