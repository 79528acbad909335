namespace Vtis.EngineTests.Support;

/// <summary>The clean and the subtitled version of the same clip, with the same audio.</summary>
internal sealed record SubtitledClip(string Clean, string Subtitled);

/// <summary>The test videos, made with ffmpeg's own sources once per run, on first use, in the workspace folder.</summary>
internal static class Clips
{
    private static readonly Dictionary<string, Task<string>> Made = [];
    private static readonly Lock Gate = new();
    private static Task<SubtitledClip>? _subtitled;

    private static readonly string[] H264 = ["-c:v", "libx264", "-preset", "veryfast", "-crf", "12"];
    private static readonly string[] Aac = ["-c:a", "aac", "-b:a", "128k"];

    /// <summary>640x360, 25 fps, 3 s, H.264 + AAC (MP4, index at the end): a panned fractal, then the same with subtitles.</summary>
    public static Task<SubtitledClip> Subtitled
    {
        get
        {
            lock (Gate) return _subtitled ??= MakeSubtitledAsync();
        }
    }

    /// <summary>The panned fractal (as <see cref="Subtitled"/>, without audio) clean and with <paramref name="draw"/> (a
    /// filter chain) burned in; <paramref name="name"/> names the files.</summary>
    public static Task<SubtitledClip> Overlaid(string name, string draw) => OverlaidClips.GetOrAdd(name, _ => MakeOverlaidAsync(name, draw));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task<SubtitledClip>> OverlaidClips = new();

    private static async Task<SubtitledClip> MakeOverlaidAsync(string name, string draw)
    {
        Directory.CreateDirectory(Folder);
        var clean = Path.Combine(Folder, $"{name}.clean.mp4");
        var overlaid = Path.Combine(Folder, $"{name}.mp4");
        await Ffmpeg.RunAsync(
        [
            "-f", "lavfi", "-i", Pan(Subtitles.Width, Subtitles.Height, Subtitles.Rate, Subtitles.Seconds),
            "-filter_complex", $"[0:v]split[clean][text];[text]{draw}[overlaid]",
            "-map", "[clean]", .. H264, "-pix_fmt", "yuv420p", clean,
            "-map", "[overlaid]", .. H264, "-pix_fmt", "yuv420p", overlaid,
        ]);
        return new SubtitledClip(clean, overlaid);
    }

    /// <summary>Portrait 360x640, no audio.</summary>
    public static Task<string> Vertical => Make("vertical.mp4", path => Ffmpeg.RunAsync(
        ["-f", "lavfi", "-i", Pan(360, 640, 25, 2), .. H264, "-pix_fmt", "yuv420p", path]));

    /// <summary>Coded 480x270 with rotation metadata of 90°: shown as 270x480.</summary>
    public static Task<string> Rotated => Make("rotated.mp4", async path =>
    {
        var landscape = Path.ChangeExtension(path, ".landscape.mp4");
        await Ffmpeg.RunAsync(["-f", "lavfi", "-i", Pan(480, 270, 25, 2), .. H264, "-pix_fmt", "yuv420p", landscape]);
        await Ffmpeg.RunAsync("-i", landscape, "-c", "copy", "-metadata:s:v:0", "rotate=90", path);
    });

    /// <summary>321x241 H.264 4:4:4 (4:2:0 cannot be odd) with AAC, in MP4.</summary>
    public static Task<string> OddSizeMp4 => Make("odd.mp4", path => Ffmpeg.RunAsync(
        ["-f", "lavfi", "-i", Pan(321, 241, 25, 2), "-f", "lavfi", "-i", Sine(2), .. H264, "-pix_fmt", "yuv444p", .. Aac, path]));

    /// <summary>321x241 MPEG-4 part 2 with PCM audio, in AVI: PCM cannot go into MP4.</summary>
    public static Task<string> OddSizeAvi => Make("odd.avi", path => Ffmpeg.RunAsync(
        ["-f", "lavfi", "-i", Pan(321, 241, 25, 2), "-f", "lavfi", "-i", Sine(2), "-c:v", "mpeg4", "-q:v", "2", "-c:a", "pcm_s16le", path]));

    /// <summary>
    /// 1920x1080, 25 fps, 10 frames (0.4 s), H.264 + 1 s of AAC: a raw frame this size is over half of ffmpeg's 5 MB
    /// probe, so the encoder cannot guess the frame rate from the first frames and relies on each frame's own duration.
    /// </summary>
    public static Task<string> FullHd => Make("full-hd.mp4", path => Ffmpeg.RunAsync(
        ["-f", "lavfi", "-i", "testsrc2=s=1920x1080:r=25", "-f", "lavfi", "-i", Sine(1), "-frames:v", "10",
         .. H264, "-pix_fmt", "yuv420p", .. Aac, path]));

    /// <summary>
    /// 480x270, 3 s from a 60 fps source keeping every 2nd frame in the first second, every 6th in the second and all in
    /// the third: 30, 10, then 60 frames a second in one stream.
    /// </summary>
    public static Task<string> VariableFrameRate => Make("vfr.mp4", path => Ffmpeg.RunAsync(
        ["-f", "lavfi", "-i", $"{Pan(480, 270, 60, 3)},select='lt(t,1)*not(mod(n,2))+between(t,1,2-0.001)*not(mod(n,6))+gte(t,2)'",
         "-fps_mode", "vfr", .. H264, "-pix_fmt", "yuv420p", path]));

    public static Task<string> AudioOnly => Make("audio-only.mp4", path => Ffmpeg.RunAsync(["-f", "lavfi", "-i", Sine(2), .. Aac, path]));

    /// <summary>The first third of the subtitled MP4, whose index (moov) is written last: unreadable.</summary>
    public static Task<string> Truncated => Make("truncated.mp4", async path =>
    {
        var whole = await File.ReadAllBytesAsync((await Subtitled).Subtitled);
        await File.WriteAllBytesAsync(path, whole[..(whole.Length / 3)]);
    });

    public static Task<string> RandomBytes => Make("random.mp4", path =>
    {
        var bytes = new byte[256 * 1024];
        new Random(20240611).NextBytes(bytes);
        return File.WriteAllBytesAsync(path, bytes);
    });

    public static Task<string> TextNamedMp4 => Make("notes.mp4", path => File.WriteAllTextAsync(path, "Meeting notes, not a video.\n"));

    public static Task<string> Empty => Make("empty.mp4", path => File.WriteAllBytesAsync(path, []));

    /// <summary>
    /// A camera pan over a detailed still (the edge of the Mandelbrot set): every frame differs, and what the text hides
    /// in one frame is in view in its neighbours. The still is rendered once, 320x160 larger than the frame.
    /// </summary>
    private static string Pan(int width, int height, int rate, double seconds) =>
        $"mandelbrot=s={width + 320}x{height + 160}:r={rate}:start_scale=0.15:end_pts=1e9:maxiter=1024:outer=normalized_iteration_count," +
        $"trim=end_frame=1,loop=loop=-1:size=1,setpts=N/{rate}/TB,crop={width}:{height}:x='t*100':y='t*40',trim=duration={seconds}";

    private static string Sine(double seconds) => $"sine=frequency=440:sample_rate=48000:duration={seconds}";

    private static async Task<SubtitledClip> MakeSubtitledAsync()
    {
        var clean = Path.Combine(Folder, "clean.mp4");
        var subtitled = Path.Combine(Folder, "subtitled.mp4");
        Directory.CreateDirectory(Folder);
        await Ffmpeg.RunAsync(
        [
            "-f", "lavfi", "-i", Pan(Subtitles.Width, Subtitles.Height, Subtitles.Rate, Subtitles.Seconds),
            "-f", "lavfi", "-i", Sine(Subtitles.Seconds),
            "-filter_complex", $"[0:v]split[clean][text];[text]{Subtitles.Burn}[subtitled]",
            "-map", "[clean]", "-map", "1:a", .. H264, "-pix_fmt", "yuv420p", .. Aac, clean,
            "-map", "[subtitled]", "-map", "1:a", .. H264, "-pix_fmt", "yuv420p", .. Aac, subtitled,
        ]);
        return new SubtitledClip(clean, subtitled);
    }

    private static string Folder => Path.Combine(Workspace.Folder, "clips");

    private static Task<string> Make(string name, Func<string, Task> make)
    {
        lock (Gate)
        {
            if (!Made.TryGetValue(name, out var made)) Made[name] = made = MakeAsync(name, make);
            return made;
        }
    }

    private static async Task<string> MakeAsync(string name, Func<string, Task> make)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name);
        await make(path);
        return path;
    }
}
