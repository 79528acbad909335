using static Vtis.EngineBench.Markdown;

namespace Vtis.EngineBench;

/// <summary>
/// The quality tables: one row per category, then the moving-camera categories pooled and everything pooled; and one
/// row per clip. Pairs read "engine / per-frame Telea with perfect masks", "engine / clean clip" for flicker, and
/// "engine / plain transcode" outside the text. Lines read: by the recogniser in the input / still in the output.
/// </summary>
internal static class QualityTable
{
    private static readonly string[] Header =
    [
        "Frames", "Inside PSNR dB", "Inside SSIM", "Ring PSNR dB", "Flicker (out / truth)", "Outside PSNR dB (vs transcode)",
        "Glyph recall", "Line recall", "Text px masked", "Mask / text area", "Lines read (input / output)",
    ];

    public static IEnumerable<string> ByCategory(IReadOnlyList<ClipScore> scores)
    {
        yield return Row(["Category", "Clips", .. Header]);
        yield return Rule(Header.Length + 2);
        foreach (var category in Categories.All)
        {
            var clips = scores.Where(s => s.Spec.Category == category.Name).ToList();
            if (clips.Count > 0) yield return Cells(category.Name, ScoreTotals.Of(clips));
        }

        yield return Cells("**moving camera**", ScoreTotals.Of(Moving(scores)));
        yield return Cells("**all**", ScoreTotals.Of(scores));
    }

    public static IEnumerable<string> ByClip(IReadOnlyList<ClipScore> scores)
    {
        yield return Row(["Clip", "Camera", .. Header]);
        yield return Rule(Header.Length + 2);
        foreach (var clip in scores)
            yield return Cells(clip.Spec.Name, ScoreTotals.Of([clip]), clip.Spec.Camera.ToString().ToLowerInvariant());
    }

    /// <summary>The clips the main targets pool: every category filmed by a moving camera.</summary>
    public static IEnumerable<ClipScore> Moving(IEnumerable<ClipScore> scores) => scores.Where(s => s.Spec.Camera == Camera.Moving);

    private static string Cells(string name, ScoreTotals t, string? second = null)
    {
        var q = t.Luma;
        var d = t.Detection;
        return Row(name, second ?? I(t.Clips), I(t.Frames),
            $"{F("0.00", q.Inside.Psnr)} / {F("0.00", q.InsideBaseline.Psnr)}",
            $"{F("0.000", q.InsideSsim.Mean)} / {F("0.000", q.InsideSsimBaseline.Mean)}",
            $"{F("0.00", q.Ring.Psnr)} / {F("0.00", q.RingBaseline.Psnr)}",
            q.Flicker.Pixels == 0 ? Missing
                : $"{F("0.00", q.Flicker.Mean)} / {F("0.00", q.FlickerTruth.Mean)}" + (double.IsNaN(q.FlickerRatio) ? "" : $" ({F("0.00", q.FlickerRatio)}x)"),
            $"{F("0.00", q.Outside.Psnr)} / {F("0.00", q.OutsideTranscode.Psnr)}",
            Pct(d.GlyphRecall), Pct(d.LineRecall), Pct(d.PixelCoverage), d.TextPixels == 0 ? Missing : F("0.00", d.AreaRatio) + "x",
            t.Input.Lines == 0 ? Missing : $"{t.Input.LinesRead} / {t.Output.LinesRead} of {t.Input.Lines}");
    }
}
