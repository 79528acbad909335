using static Vtis.EngineBench.Markdown;

namespace Vtis.EngineBench;

/// <summary>The figures behind the tables that explain a FAIL: failed runs, missed frames, false alarms, flicker of the
/// baseline, and what the recogniser could still read.</summary>
internal static class Diagnostics
{
    public static IEnumerable<string> Lines(IReadOnlyList<ClipScore> scores, IReadOnlyList<ClipRuns> runs, MemoryProbe? memory)
    {
        foreach (var run in runs.Where(r => !r.Engine.Succeeded))
            yield return $"- {run.Clip.Spec.Name}: the engine failed: {run.Engine.Report.Error}";
        foreach (var run in new[] { memory?.Short, memory?.Long }.Where(r => r is { Succeeded: false }))
            yield return $"- memory probe failed: {run!.Report.Error}";

        foreach (var score in scores)
        {
            var name = score.Spec.Name;
            foreach (var warning in score.Warnings) yield return $"- {name}: {warning}";
            var d = score.Detection;
            var q = score.Luma;
            yield return $"- {name}: {d.GlyphsFound}/{d.Glyphs} glyphs and {d.LinesFound}/{d.Lines} line-frames found, " +
                         $"{Pct(d.PixelCoverage)} of text pixels masked, {d.FramesMissed} frames with text and no mask, " +
                         $"{d.FramesFalseAlarm} frames masked without text ({F("0", (double)d.FalseAlarmPixels / Math.Max(1, d.FramesFalseAlarm))} px each), " +
                         $"{F("0.0", (double)d.Boxes / Math.Max(1, score.FramesCompared))} boxes per frame; " +
                         $"flicker engine {F("0.00", q.Flicker.Mean)}, Telea {F("0.00", q.FlickerBaseline.Mean)}, truth {F("0.00", q.FlickerTruth.Mean)}; " +
                         $"ring SSIM {F("0.000", q.RingSsim.Mean)} / {F("0.000", q.RingSsimBaseline.Mean)}; " +
                         $"outside the engine's mask too {F("0.00", q.Untouched.Psnr)} vs transcode {F("0.00", q.UntouchedTranscode.Psnr)} dB";
            var unread = score.Input.UnreadLines.ToList();
            if (unread.Count > 0)
                yield return $"- {name}: not read in the input (so not counted): {string.Join("; ", unread.Select(t => $"'{t}'"))}";
            yield return $"- {name}: the recogniser reads {PerCrop(score.Output)} letters per crop in the output, {PerCrop(score.Input)} in the input" +
                         (score.Output.Examples.Count == 0 ? "" : $"; still readable: {string.Join("; ", score.Output.Examples)}");
        }
    }

    private static string PerCrop(LineReadings readings) => F("0.0", (double)readings.Characters / Math.Max(1, readings.Crops));
}
