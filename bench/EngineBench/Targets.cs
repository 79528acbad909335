using static Vtis.EngineBench.Markdown;

namespace Vtis.EngineBench;

/// <summary>The acceptance targets of issue 17, each printed as one PASS/FAIL line. A target nothing measured fails.</summary>
internal static class Targets
{
    public const double InsideDb = 26;
    public const double GainOverTeleaDb = 8;
    public const double WorstCategoryDb = 22;
    public const double RingDb = 30;
    public const double FlickerRatio = 1.5;
    public const double OutsideDb = 0.3;
    public const double NoTextDb = 0.1;
    public const double RealTime720 = 1;
    public const double RealTime1080 = 0.75;
    public const double MemoryGrowth = 0.15;

    public static IEnumerable<string> Lines(IReadOnlyList<ClipScore> scores, IReadOnlyList<ClipRuns> runs, MemoryProbe? memory, int cores)
    {
        var moving = ScoreTotals.Of(QualityTable.Moving(scores));
        var all = ScoreTotals.Of(scores);
        var byCategory = Categories.All.Select(c => (c.Name, Totals: ScoreTotals.Of(scores.Where(s => s.Spec.Category == c.Name)))).ToList();
        var withText = byCategory.Where(c => c.Totals.Luma.Inside.Pixels > 0).ToList();

        var inside = moving.Luma.Inside.Psnr;
        yield return Line(Is(inside, inside >= InsideDb), $"inside the text >= {InsideDb:0} dB pooled over moving-camera categories",
            $"{F("0.00", inside)} dB");

        var gain = inside - moving.Luma.InsideBaseline.Psnr;
        yield return Line(Is(gain, gain >= GainOverTeleaDb), $"inside the text >= +{GainOverTeleaDb:0} dB over per-frame Telea with perfect masks (moving camera)",
            $"{Signed(gain)} dB ({F("0.00", inside)} vs {F("0.00", moving.Luma.InsideBaseline.Psnr)}; by category: " +
            $"{string.Join(", ", withText.Select(c => $"{c.Name} {Signed(c.Totals.Luma.Inside.Psnr - c.Totals.Luma.InsideBaseline.Psnr)}"))})");

        var worst = withText.OrderBy(c => c.Totals.Luma.Inside.Psnr).FirstOrDefault();
        yield return Line(worst.Totals is null ? null : worst.Totals.Luma.Inside.Psnr >= WorstCategoryDb, $"no category below {WorstCategoryDb:0} dB inside the text",
            worst.Totals is null ? "" : $"worst {worst.Name} {F("0.00", worst.Totals.Luma.Inside.Psnr)} dB; " +
                                         string.Join(", ", withText.Select(c => $"{c.Name} {F("0.0", c.Totals.Luma.Inside.Psnr)}")));

        yield return Line(Is(all.Luma.Ring.Psnr, all.Luma.Ring.Psnr >= RingDb), $"ring (8 px around the text) >= {RingDb:0} dB, all clips",
            $"{F("0.00", all.Luma.Ring.Psnr)} dB (Telea {F("0.00", all.Luma.RingBaseline.Psnr)})");

        var flickerWorst = withText.Where(c => !double.IsNaN(c.Totals.Luma.FlickerRatio)).OrderByDescending(c => c.Totals.Luma.FlickerRatio).FirstOrDefault();
        yield return Line(Is(all.Luma.FlickerRatio, all.Luma.FlickerRatio <= FlickerRatio), $"flicker inside the text within {FlickerRatio:0.0}x the clean clip's, all clips",
            $"{F("0.00", all.Luma.FlickerRatio)}x ({F("0.00", all.Luma.Flicker.Mean)} vs {F("0.00", all.Luma.FlickerTruth.Mean)} per pixel and frame; " +
            $"worst {flickerWorst.Name} {F("0.00", flickerWorst.Totals?.Luma.FlickerRatio ?? double.NaN)}x)");

        var textClips = ScoreTotals.Of(scores.Where(s => Categories.Named(s.Spec.Category).HasText));
        var outsideWorst = withText.OrderByDescending(c => Math.Abs(c.Totals.Luma.OutsideLoss)).FirstOrDefault();
        yield return Line(Is(textClips.Luma.OutsideLoss, Math.Abs(textClips.Luma.OutsideLoss) <= OutsideDb), $"outside the text within {OutsideDb:0.0} dB of the plain transcode (text categories)",
            $"{F("0.00", textClips.Luma.Outside.Psnr)} vs {F("0.00", textClips.Luma.OutsideTranscode.Psnr)} dB, {Signed(textClips.Luma.OutsideLoss, "0.00")}; " +
            $"worst {outsideWorst.Name} {Signed(outsideWorst.Totals?.Luma.OutsideLoss ?? double.NaN, "0.00")} dB");

        var noText = byCategory.First(c => c.Name == Categories.NoText).Totals.Luma;
        yield return Line(Is(noText.OutsideLoss, Math.Abs(noText.OutsideLoss) <= NoTextDb), $"the no-text clips within {NoTextDb:0.0} dB of the plain transcode",
            $"{F("0.00", noText.Outside.Psnr)} vs {F("0.00", noText.OutsideTranscode.Psnr)} dB, {Signed(noText.OutsideLoss, "0.00")}");

        yield return Line(all.Input.Lines == 0 ? null : all.Output.LinesRead == 0, "no readable residue on any line",
            $"{all.Output.LinesRead} of {all.Input.Lines} lines still read in the output; the recogniser reads {all.Input.LinesRead} of them in the input");

        foreach (var line in RunTargets.Lines(runs, memory, cores)) yield return line;
    }

    public static string Line(bool? passed, string label, string detail) =>
        detail.Length == 0 || passed is null ? $"- {Verdict(null)} {label}" : $"- {Verdict(passed)} {label}: {detail}";

    /// <summary>The verdict, or none when the figure could not be measured (NaN).</summary>
    public static bool? Is(double figure, bool passed) => double.IsNaN(figure) ? null : passed;

    public static string Signed(double value, string format = "0.0") => (value >= 0 ? "+" : "") + F(format, value);
}
