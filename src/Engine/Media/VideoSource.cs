using System.Globalization;
using System.Text.Json;

namespace Vtis.Engine.Media;

/// <summary>What the engine needs to know about an input before decoding it.</summary>
internal sealed record VideoSource(
    int Width, int Height, double FrameRate, int EstimatedFrames, double DurationSeconds, int TimeScale,
    string? AudioCodec)
{
    private static readonly HashSet<string> AudioCodecsMp4Takes = new(StringComparer.Ordinal)
    {
        "aac", "mp3", "ac3", "eac3", "alac", "opus", "flac",
    };

    public bool HasAudio => AudioCodec is not null;

    /// <summary>Whether the audio can be copied into MP4 as it is; if not it is re-encoded to AAC.</summary>
    public bool AudioCopies => AudioCodec is not null && AudioCodecsMp4Takes.Contains(AudioCodec);

    /// <summary>Probes with ffprobe. Throws <see cref="EngineInputException"/> when the file is not a readable video.</summary>
    public static async Task<VideoSource> ProbeAsync(string ffprobe, string path, CancellationToken ct)
    {
        if (!File.Exists(path)) throw new EngineInputException($"The input file '{Path.GetFileName(path)}' does not exist.");
        var run = await ToolProcess.RunAsync(ffprobe,
            ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", path], ct);
        if (run.ExitCode != 0)
            throw new EngineInputException($"The input is not a readable video: {LastLine(run.Stderr, path)}");

        using var doc = JsonDocument.Parse(run.Stdout);
        var root = doc.RootElement;
        var streams = root.TryGetProperty("streams", out var s) ? s.EnumerateArray().ToList() : [];
        var video = streams.FirstOrDefault(x => Text(x, "codec_type") == "video" && !IsAttachedPicture(x));
        if (video.ValueKind == JsonValueKind.Undefined)
            throw new EngineInputException("The input has no video stream.");
        var audio = streams.FirstOrDefault(x => Text(x, "codec_type") == "audio");

        var width = (int)(Number(video, "width") ?? 0);
        var height = (int)(Number(video, "height") ?? 0);
        if (width <= 0 || height <= 0) throw new EngineInputException("The input's video stream has no frame size: it looks corrupt.");
        if (Math.Abs(Rotation(video)) % 180 == 90) (width, height) = (height, width);

        var format = root.TryGetProperty("format", out var f) ? f : default;
        var duration = Number(video, "duration") ?? (format.ValueKind == JsonValueKind.Object ? Number(format, "duration") : null) ?? 0;
        var rate = Ratio(Text(video, "avg_frame_rate")) is > 0 and var avg ? avg : Ratio(Text(video, "r_frame_rate"));
        if (rate <= 0 || rate > 1000) rate = 25;
        var frames = (int)(Number(video, "nb_frames") ?? Math.Round(duration * rate));
        var timeBase = Text(video, "time_base") is { } tb && tb.Split('/') is [_, var den] && int.TryParse(den, out var d) && d is > 0 and <= 1_000_000 ? d : 90000;

        return new VideoSource(width, height, rate, Math.Max(frames, 1), duration, timeBase,
            audio.ValueKind == JsonValueKind.Undefined ? null : Text(audio, "codec_name") ?? "unknown");
    }

    private static bool IsAttachedPicture(JsonElement stream) =>
        stream.TryGetProperty("disposition", out var d) && d.TryGetProperty("attached_pic", out var a) && a.GetInt32() == 1;

    private static double Rotation(JsonElement video)
    {
        if (video.TryGetProperty("tags", out var tags) && tags.TryGetProperty("rotate", out var r) &&
            double.TryParse(r.GetString(), CultureInfo.InvariantCulture, out var deg)) return deg;
        if (video.TryGetProperty("side_data_list", out var list))
            foreach (var item in list.EnumerateArray())
                if (item.TryGetProperty("rotation", out var rot) && rot.TryGetDouble(out var deg2)) return deg2;
        return 0;
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? Number(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.ValueKind switch
    {
        JsonValueKind.Number => v.GetDouble(),
        JsonValueKind.String when double.TryParse(v.GetString(), CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    } : null;

    private static double Ratio(string? value) =>
        value?.Split('/') is [var n, var d] && double.TryParse(n, CultureInfo.InvariantCulture, out var num) &&
        double.TryParse(d, CultureInfo.InvariantCulture, out var den) && den > 0 ? num / den : 0;

    /// <summary>ffmpeg's last line of complaint, without the server's folders (the message reaches users).</summary>
    internal static string LastLine(string text, string? path = null)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "unknown error";
        return path is null ? line : line.Replace(path, Path.GetFileName(path), StringComparison.Ordinal);
    }
}
