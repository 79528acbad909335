using System.Globalization;

namespace Vtis.EngineBench;

/// <summary>A generated clip on disk: the clean scene and its subtitled twin, encoded from the same frames, and where
/// the engine's output, its boxes and the plain transcode of the subtitled clip go.</summary>
internal sealed record GeneratedClip(ClipSpec Spec, string Directory, string Clean, string Subtitled)
{
    public string Transcode => Path.Combine(Directory, "transcode.mp4");

    public string Output(string run) => Path.Combine(Directory, $"out-{run}.mp4");

    public string Boxes(string run) => Path.Combine(Directory, $"boxes-{run}.tsv");
}

/// <summary>
/// Renders a clip with one ffmpeg command: the scene is split, one copy is encoded clean, the other gets the
/// subtitles burned in and a tone as its audio track. Both are high-quality x264 so the reference is close to
/// what the engine decodes. A clip already in the work folder from the same command is reused.
/// </summary>
internal static class ClipMaker
{
    private const string Crf = "14";

    public static async Task<GeneratedClip> MakeAsync(ClipSpec spec, string workDirectory, CancellationToken ct)
    {
        var dir = Directory.CreateDirectory(Path.Combine(workDirectory, spec.Name)).FullName;
        var clip = new GeneratedClip(spec, dir, Path.Combine(dir, "clean.mp4"), Path.Combine(dir, "subtitled.mp4"));
        var frames = spec.Frames.ToString(CultureInfo.InvariantCulture);
        string[] encode = ["-frames:v", frames, "-c:v", "libx264", "-preset", "veryfast", "-crf", Crf, "-pix_fmt", "yuv420p"];
        var seconds = spec.Seconds.ToString(CultureInfo.InvariantCulture);
        string[] args =
        [
            .. spec.Scene.Input,
            "-f", "lavfi", "-i", $"sine=frequency=330:sample_rate=48000:duration={seconds}",
            "-filter_complex", $"{spec.SceneFilter()},split=2[clean][base];[base]{spec.SubtitleFilter()}[subtitled]",
            "-map", "[clean]", .. encode, "-an", clip.Clean,
            "-map", "[subtitled]", "-map", "1:a", .. encode, "-c:a", "aac", "-b:a", "96k", clip.Subtitled,
        ];

        var stamp = Path.Combine(dir, "command.txt");
        var command = string.Join('\n', args);
        if (File.Exists(stamp) && await File.ReadAllTextAsync(stamp, ct) == command && File.Exists(clip.Clean) && File.Exists(clip.Subtitled))
            return clip;
        File.Delete(stamp);
        await Ffmpeg.RunAsync(args, ct);
        await File.WriteAllTextAsync(stamp, command, ct);
        return clip;
    }

    /// <summary>The subtitled clip played <paramref name="times"/> times in a row, copied without re-encoding.</summary>
    public static async Task<string> RepeatAsync(GeneratedClip clip, int times, CancellationToken ct)
    {
        var path = Path.Combine(clip.Directory, $"subtitled-x{times}.mp4");
        var loops = (times - 1).ToString(CultureInfo.InvariantCulture);
        await Ffmpeg.RunAsync(["-stream_loop", loops, "-i", clip.Subtitled, "-c", "copy", path], ct);
        return path;
    }
}
