using static Vtis.EngineBench.Markdown;

namespace Vtis.EngineBench;

/// <summary>
/// The speed and memory table: engine frames per second (engine time, without process start), as a multiple of the
/// clip's real time and of the plain transcode; frames the output decodes to (and its packets); peak resident memory
/// of the engine's process and of it with its ffmpeg children. The memory probe's longer run comes last.
/// </summary>
internal static class SpeedTable
{
    public static IEnumerable<string> Lines(IReadOnlyList<ClipRuns> clips, MemoryProbe? memory)
    {
        yield return Row("Clip", "Resolution", "Frames", "Frames out (decoded / packets)", "Engine fps", "x real time", "ffmpeg fps",
            "Engine / ffmpeg", "Peak MB", "Peak MB with ffmpeg");
        yield return Rule(10);
        foreach (var c in clips)
            yield return Cells(c.Clip.Spec.Name, c.Clip.Spec, c.Clip.Spec.Frames, c.Engine, c.TranscodeFps);
        if (memory is not null)
        {
            yield return Cells($"{memory.Clip.Spec.Name} x{BenchRun.ShortBy}", memory.Clip.Spec, BenchRun.ShortBy * memory.Clip.Spec.Frames, memory.Short, double.NaN);
            yield return Cells($"{memory.Clip.Spec.Name} x{BenchRun.LongerBy}", memory.Clip.Spec, BenchRun.LongerBy * memory.Clip.Spec.Frames, memory.Long, double.NaN);
        }

        foreach (var height in new[] { 720, 1080 })
        {
            var (fps, realTime, ratio) = Speed(clips, height);
            if (double.IsNaN(fps)) continue;
            yield return Row($"**{height}p speed**", "", I(SpeedRuns(clips, height).Sum(c => c.Clip.Spec.Frames)), "",
                F("0.0", fps), F("0.00", realTime) + "x", "", F("0.00", ratio), "", "");
        }
    }

    /// <summary>Engine speed at one height: total frames over total engine time, on the long speed clips when there
    /// are any (the short quality clips carry a second or so of start-up each).</summary>
    public static (double Fps, double RealTime, double VersusFfmpeg) Speed(IReadOnlyList<ClipRuns> clips, int height)
    {
        var runs = SpeedRuns(clips, height);
        var seconds = runs.Sum(c => c.Engine.Report.ElapsedSeconds);
        if (runs.Count == 0 || seconds <= 0) return (double.NaN, double.NaN, double.NaN);
        var fps = runs.Sum(c => c.Engine.Report.Frames) / seconds;
        var ffmpegFps = runs.Sum(c => c.Clip.Spec.Frames) / runs.Sum(c => c.Clip.Spec.Frames / c.TranscodeFps);
        return (fps, fps / runs[0].Clip.Spec.Fps, fps / ffmpegFps);
    }

    private static string Cells(string name, ClipSpec spec, int frames, EngineRun engine, double transcodeFps)
    {
        var ok = engine.Succeeded;
        return Row(name, spec.Resolution, I(frames),
            engine.Written is { } w ? $"{w.Decoded} / {w.Packets}" : Missing,
            ok ? F("0.0", engine.FramesPerSecond) : Missing,
            ok ? F("0.00", engine.FramesPerSecond / spec.Fps) + "x" : Missing,
            F("0.0", transcodeFps),
            ok ? F("0.00", engine.FramesPerSecond / transcodeFps) : Missing,
            MB(ok ? engine.Report.PeakBytes : 0), MB(ok ? engine.TreePeakBytes : 0));
    }

    private static List<ClipRuns> SpeedRuns(IReadOnlyList<ClipRuns> clips, int height)
    {
        var ofHeight = clips.Where(c => c.Clip.Spec.Height == height && c.Engine.Succeeded).ToList();
        return ofHeight.Any(c => c.Clip.Spec.SpeedOnly) ? ofHeight.Where(c => c.Clip.Spec.SpeedOnly).ToList() : ofHeight;
    }
}
