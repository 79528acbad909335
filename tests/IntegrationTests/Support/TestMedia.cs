using System.Diagnostics;

namespace Vtis.IntegrationTests.Support;

/// <summary>Test videos made with ffmpeg's own sources (and drawn text), once per run, in a temp folder.</summary>
public static class TestMedia
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), $"vtis-media-{Environment.ProcessId}");
    private static readonly Dictionary<string, Task<string>> Made = [];
    private static readonly Lock Gate = new();

    /// <summary>3 s, 320x240, H.264 + AAC, with a subtitle drawn at the bottom.</summary>
    public static Task<string> Mp4 => Make("clip.mp4", "-f lavfi -i testsrc=size=320x240:rate=15 -f lavfi -i sine=frequency=440 -t 3 " +
        "-vf {drawtext=text='Hello subtitles':fontcolor=white:fontsize=20:x=(w-tw)/2:y=h-40:box=1:boxcolor=black} " +
        "-c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac -shortest");

    /// <summary>20 s, 320x240 at 30 fps with a subtitle: a local job long enough to report progress several times.</summary>
    public static Task<string> TwentySeconds => Make("twenty.mp4", "-f lavfi -i testsrc=size=320x240:rate=30 -f lavfi -i sine=frequency=440 -t 20 " +
        "-vf {drawtext=text='Twenty seconds':fontcolor=white:fontsize=20:x=(w-tw)/2:y=h-40:box=1:boxcolor=black} " +
        "-c:v libx264 -preset ultrafast -crf 32 -pix_fmt yuv420p -c:a aac -shortest");

    public static Task<string> Mov => Make("clip.mov", "-f lavfi -i testsrc=size=320x240:rate=15 -t 2 -c:v libx264 -preset ultrafast -pix_fmt yuv420p -f mov");

    public static Task<string> Avi => Make("clip.avi", "-f lavfi -i testsrc=size=320x240:rate=15 -t 2 -c:v mpeg4 -f avi");

    public static Task<string> AudioOnly => Make("audio.mp4", "-f lavfi -i sine=frequency=440 -t 2 -c:a aac");

    /// <summary>An AVI whose video codec (FFV1, lossless archival) is not one we process.</summary>
    public static Task<string> UnsupportedCodec => Make("ffv1.avi", "-f lavfi -i testsrc=size=160x120:rate=5 -t 1 -c:v ffv1 -f avi");

    /// <summary>Longer than the test apps' 30 s limit, tiny otherwise.</summary>
    public static Task<string> TooLong => Make("long.mp4", "-f lavfi -i testsrc=size=64x64:rate=2 -t 31 -c:v libx264 -preset ultrafast -pix_fmt yuv420p");

    /// <summary>The first third of an MP4 whose index (moov) is written last: unreadable.</summary>
    public static async Task<string> Truncated()
    {
        var whole = await File.ReadAllBytesAsync(await Mp4);
        return Write("truncated.mp4", whole[..(whole.Length / 3)]);
    }

    public static string TextRenamedMp4() => Write("notes.mp4", "These are meeting notes, not a video.\n"u8.ToArray());

    public static string Empty() => Write("empty.mp4", []);

    private static string Write(string name, byte[] bytes)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static Task<string> Make(string name, string arguments)
    {
        lock (Gate)
        {
            if (!Made.TryGetValue(name, out var made)) Made[name] = made = RunAsync(name, arguments);
            return made;
        }
    }

    private static async Task<string> RunAsync(string name, string arguments)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name);
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
        foreach (var argument in Split($"-y -v error {arguments}")) start.ArgumentList.Add(argument);
        start.ArgumentList.Add(path);
        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"ffmpeg could not make {name}: {errors}");
        return path;
    }

    /// <summary>Splits on spaces, except inside {braces} (which are dropped): filter graphs contain spaces.</summary>
    private static IEnumerable<string> Split(string arguments)
    {
        var current = new System.Text.StringBuilder();
        var depth = 0;
        foreach (var c in arguments)
        {
            if (c == '{') { depth++; continue; }
            if (c == '}') { depth--; continue; }
            if (c == ' ' && depth == 0)
            {
                if (current.Length > 0) yield return current.ToString();
                current.Clear();
                continue;
            }

            current.Append(c);
        }

        if (current.Length > 0) yield return current.ToString();
    }

    /// <summary>ffprobe's opinion of a file: container and stream codecs, or null when it cannot read it.</summary>
    public static async Task<string?> ProbeAsync(string path)
    {
        var start = new ProcessStartInfo("ffprobe", $"-v error -show_entries format=format_name:stream=codec_name -of csv=p=0 \"{path}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output.Trim() : null;
    }

    /// <summary>Frames and duration of the video stream, counted by decoding.</summary>
    public static async Task<(int Frames, double Duration)> CountFramesAsync(string path)
    {
        var output = await ToolAsync("ffprobe", $"-v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames,duration -of csv=p=0 \"{path}\"");
        var parts = output.Trim().Split(',');
        return (int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture),
            double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>ffmpeg's average PSNR (dB) between two videos, over the crop <c>w:h:x:y</c> of each frame.</summary>
    public static async Task<double> PsnrAsync(string a, string b, string crop)
    {
        var log = await ToolAsync("ffmpeg", $"-hide_banner -nostats -i \"{a}\" -i \"{b}\" -lavfi \"[0:v]crop={crop}[x];[1:v]crop={crop}[y];[x][y]psnr\" -f null -", stderr: true);
        var at = log.LastIndexOf("average:", StringComparison.Ordinal);
        Assert.That(at, Is.GreaterThan(0), log);
        var value = log[(at + "average:".Length)..].Split(' ')[0];
        return value == "inf" ? double.PositiveInfinity : double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<string> ToolAsync(string tool, string arguments, bool stderr = false)
    {
        var start = new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, await errors);
        return stderr ? await errors : await output;
    }
}
