using static Vtis.EngineBench.Markdown;

namespace Vtis.EngineBench;

/// <summary>
/// The speed and memory table: engine frames per second (engine time, without process start), as a multiple of
/// the clip's real time and of plain ffmpeg transcoding; peak resident memory of the engine's process and of it
/// with its ffmpeg children.
/// </summary>
internal static class SpeedTable
{
    public static IEnumerable<string> Lines(IReadOnlyList<ClipRuns> clips)
    {
        yield return Row("Clip", "Resolution", "Frames", "Engine fps", "x real time", "Telea fps", "ffmpeg fps", "Engine / ffmpeg",
            "Peak MB", "Peak MB with ffmpeg");
        yield return Rule(10);
        foreach (var c in clips)
        {
            var spec = c.Clip.Spec;
            var engine = c.Engine is { Succeeded: true } e ? e : null;
            yield return Row(spec.Name, spec.Resolution, I(spec.Frames),
                engine is null ? Missing : F("0.0", engine.FramesPerSecond),
                engine is null ? Missing : F("0.00", engine.FramesPerSecond / spec.Fps) + "x",
                c.Telea is { Succeeded: true } t ? F("0.0", t.FramesPerSecond) : Missing,
                F("0.0", c.TranscodeFps),
                engine is null ? Missing : F("0.00", engine.FramesPerSecond / c.TranscodeFps),
                MB(engine?.Report.PeakBytes ?? 0), MB(engine?.TreePeakBytes ?? 0));
        }

        foreach (var height in new[] { 720, 1080 })
        {
            var (fps, realTime, ratio) = Speed(clips, height);
            if (double.IsNaN(fps)) continue;
            yield return Row($"**{height}p speed**", "", I(SpeedRuns(clips, height).Sum(c => c.Clip.Spec.Frames)),
                F("0.0", fps), F("0.00", realTime) + "x", "", "", F("0.00", ratio), "", "");
        }
    }

    /// <summary>Engine speed at one height: total frames over total engine time, on the long speed clips when there
    /// are any (the short quality clips carry a second or so of start-up each).</summary>
    public static (double Fps, double RealTime, double VersusFfmpeg) Speed(IReadOnlyList<ClipRuns> clips, int height)
    {
        var runs = SpeedRuns(clips, height);
        var seconds = runs.Sum(c => c.Engine!.Report.ElapsedSeconds);
        if (runs.Count == 0 || seconds <= 0) return (double.NaN, double.NaN, double.NaN);
        var fps = runs.Sum(c => c.Engine!.Report.Frames) / seconds;
        var ffmpegFps = runs.Sum(c => c.Clip.Spec.Frames) / runs.Sum(c => c.Clip.Spec.Frames / c.TranscodeFps);
        return (fps, fps / runs[0].Clip.Spec.Fps, fps / ffmpegFps);
    }

    private static List<ClipRuns> SpeedRuns(IReadOnlyList<ClipRuns> clips, int height)
    {
        var ofHeight = clips.Where(c => c.Clip.Spec.Height == height && c.Engine is { Succeeded: true }).ToList();
        return ofHeight.Any(c => c.Clip.Spec.SpeedOnly) ? ofHeight.Where(c => c.Clip.Spec.SpeedOnly).ToList() : ofHeight;
    }
}
