using static Vtis.EngineBench.Markdown;

namespace Vtis.EngineBench;

/// <summary>The figures behind the tables that explain a FAIL: missed frames, thin masks, what was still readable.</summary>
internal static class Diagnostics
{
    public static void Print(IReadOnlyList<ClipScore> scores, IReadOnlyList<ClipRuns> runs, MemoryProbe? memory)
    {
        foreach (var run in runs)
        {
            foreach (var failed in new[] { run.Engine, run.Telea }.OfType<EngineRun>().Where(r => !r.Succeeded))
                Console.WriteLine($"- {run.Clip.Spec.Name}: {failed.Method} failed: {failed.Report.Error}");
        }

        if (memory is { Long.Succeeded: false }) Console.WriteLine($"- memory probe failed: {memory.Long.Report.Error}");

        foreach (var score in scores)
        {
            var name = score.Spec.Name;
            foreach (var warning in score.Warnings) Console.WriteLine($"- {name}: {warning}");
            if (score.Detection.TryGetValue(QualityTable.Engine, out var d) && d.HasFrames)
            {
                Console.WriteLine($"- {name}: detection {d.LinesFound}/{d.Lines} line-frames found, {d.BoxesOnText}/{d.Boxes} boxes on text, " +
                                  $"{Pct(d.PixelCoverage)} of text pixels inside boxes, boxes {F("0.00", (double)d.BoxArea / d.LineBoxArea)}x the lines' own area, {d.FramesMissed} frames with text but no box, " +
                                  $"{d.FramesFalseAlarm} frames with boxes but no text");
            }

            var unread = score.Input.UnreadLines.ToList();
            if (unread.Count > 0)
                Console.WriteLine($"- {name}: not read in the input either: {string.Join("; ", unread.Select(t => $"'{t}'"))}");
            foreach (var (method, residual) in score.Residual)
            {
                Console.WriteLine($"- {name}: {method} output, {F("0.0", (double)residual.Characters / Math.Max(1, residual.Crops))} characters read per crop " +
                                  $"(input {F("0.0", (double)score.Input.Characters / Math.Max(1, score.Input.Crops))})" +
                                  (residual.Examples.Count == 0 ? "" : $"; still readable: {string.Join("; ", residual.Examples)}"));
            }
        }
    }
}
