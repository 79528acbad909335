using System.Diagnostics;
using System.Runtime.InteropServices;
using static Vtis.EngineBench.Markdown;

namespace Vtis.EngineBench;

/// <summary>A clip with its engine run and ffmpeg's plain transcode of it (its speed; the file stays beside the clip).</summary>
internal sealed record ClipRuns(GeneratedClip Clip, EngineRun Engine, double TranscodeFps);

/// <summary>The same clip played <see cref="BenchRun.ShortBy"/> and <see cref="BenchRun.LongerBy"/> times in a row, cleaned.</summary>
internal sealed record MemoryProbe(GeneratedClip Clip, EngineRun Short, EngineRun Long);

/// <summary>The whole benchmark: generate the clips, run the engine and the transcode, score, print.</summary>
internal static class BenchRun
{
    /// <summary>The memory probe's lengths, in plays of the clip: the short one is long enough for the engine to reach
    /// its steady state (a 4 s clip ends while its window and the garbage collector's heap still fill), the long one
    /// three times that.</summary>
    public const int ShortBy = 3, LongerBy = 9;

    public static async Task RunAsync(BenchOptions options, string work, CancellationToken ct)
    {
        var total = Stopwatch.StartNew();
        Preflight.Check();
        var specs = ClipCatalog.For(options);
        Heading("Setup");
        Console.WriteLine($"machine     {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        Console.WriteLine($"threads     {(options.Threads > 0 ? I(options.Threads) : "all cores")} (engine and ffmpeg); media in {work}");
        Console.WriteLine($"seed        {options.Seed} (--seed {options.Seed} draws the same clips again)");
        Console.WriteLine($"categories  {string.Join(", ", Categories.All.Where(c => options.Includes(c.Name)).Select(c => c.Name))}" +
                          $"{(options.Includes(ClipCatalog.SpeedCategory) ? ", speed clips" : "")}; {(options.Quick ? "1 clip of 2 s" : "2 clips of 4 s")} per category");
        if (options.EngineSettings.Count > 0) Console.WriteLine($"engine      {string.Join(' ', options.EngineSettings)}");

        Heading("Clips: clean and subtitled twins rendered by ffmpeg");
        var clips = new List<GeneratedClip>();
        foreach (var spec in specs)
        {
            var watch = Stopwatch.StartNew();
            clips.Add(await ClipMaker.MakeAsync(spec, work, ct));
            Console.WriteLine($"{spec.Name,-12} {spec.Describe()} ({F("0.0", watch.Elapsed.TotalSeconds)} s)");
        }

        Heading("Engine runs (each in a child process) and plain transcodes");
        var runs = new List<ClipRuns>();
        foreach (var clip in clips)
        {
            var engine = await EngineRun.StartAsync(clip.Subtitled, clip.Output("engine"), clip.Boxes("engine"), options, ct);
            Console.WriteLine($"{clip.Spec.Name,-12} {Describe(engine)}");
            var ffmpeg = await TranscodeSpeed.FramesPerSecondAsync(clip.Subtitled, clip.Transcode, clip.Spec.Frames, options.Threads, ct);
            Console.WriteLine($"{clip.Spec.Name,-12} transcode {F("0.0", ffmpeg)} fps");
            runs.Add(new ClipRuns(clip, engine, ffmpeg));
        }

        var memory = await MemoryProbeAsync(runs, options, ct);

        Heading("Scoring (luma inside, around and outside the text; detection; recognition of what is left)");
        using var recognizer = new TextRecognizer(Preflight.ModelDirectory, options.EffectiveThreads);
        var scores = new List<ClipScore>();
        foreach (var run in runs.Where(r => !r.Clip.Spec.SpeedOnly && r.Engine.Succeeded))
        {
            var watch = Stopwatch.StartNew();
            var strip = options.StripsDirectory is not null && scores.All(s => s.Spec.Category != run.Clip.Spec.Category);
            var score = ClipEvaluation.Evaluate(run.Clip, run.Engine, recognizer, strip);
            scores.Add(score);
            Console.WriteLine($"{run.Clip.Spec.Name,-12} scored {score.FramesCompared} frames ({F("0.0", watch.Elapsed.TotalSeconds)} s)");
        }

        try
        {
            Heading("Quality by category");
            Print(QualityTable.ByCategory(scores));
            Heading("Quality by clip");
            Print(QualityTable.ByClip(scores));
            Heading("Speed and memory");
            Print(SpeedTable.Lines(runs, memory));
            Heading("Targets");
            Print(Targets.Lines(scores, runs, memory, options.EffectiveThreads));
            if (options.StripsDirectory is { } strips)
            {
                Heading("Strips");
                Print(await StripWriter.WriteAsync(strips, scores, ct));
            }

            Heading("Details");
            Print(Diagnostics.Lines(scores, runs, memory));
        }
        finally
        {
            foreach (var score in scores) score.Strip?.Dispose();
        }

        Console.WriteLine($"{Environment.NewLine}bench time {F("0", total.Elapsed.TotalSeconds)} s");
    }

    private static string Describe(EngineRun run) => run.Succeeded
        ? $"engine {run.Report.Frames} frames in {F("0.00", run.Report.ElapsedSeconds)} s = {F("0.0", run.FramesPerSecond)} fps, " +
          $"{run.Report.FramesWithText} with text, peak {MB(run.Report.PeakBytes)} MB ({MB(run.TreePeakBytes)} MB with ffmpeg), " +
          $"{(run.Written is { } w ? $"{w.Decoded} frames decoded from {w.Packets} packets" : "output not counted")}"
        : $"engine FAILED: {run.Report.Error}";

    /// <summary>"Memory flat in video length": the first moving clip with text again, played 3 and 9 times in a row.</summary>
    private static async Task<MemoryProbe?> MemoryProbeAsync(List<ClipRuns> runs, BenchOptions options, CancellationToken ct)
    {
        var first = runs.FirstOrDefault(r => r.Clip.Spec is { Camera: Camera.Moving, SpeedOnly: false, Lines.Count: > 0 } && r.Engine.Succeeded);
        if (first is null) return null;
        var runsByLength = new List<EngineRun>();
        foreach (var times in new[] { ShortBy, LongerBy })
        {
            var input = await ClipMaker.RepeatAsync(first.Clip, times, ct);
            var run = await EngineRun.StartAsync(input, first.Clip.Output($"x{times}"), first.Clip.Boxes($"x{times}"), options, ct);
            Console.WriteLine($"{first.Clip.Spec.Name,-12} x{times} length: {Describe(run)}");
            runsByLength.Add(run);
        }
        return new MemoryProbe(first.Clip, runsByLength[0], runsByLength[1]);
    }

    private static void Print(IEnumerable<string> lines)
    {
        foreach (var line in lines) Console.WriteLine(line);
    }

    private static void Heading(string text) => Console.WriteLine($"{Environment.NewLine}## {text}{Environment.NewLine}");
}
