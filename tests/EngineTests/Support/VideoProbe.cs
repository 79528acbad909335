using System.Globalization;
using System.Text.Json;

namespace Vtis.EngineTests.Support;

/// <summary>What ffprobe reports about a file's first video stream (frames counted by decoding) and its audio.</summary>
internal sealed record VideoProbe(
    int CodedWidth, int CodedHeight, int Rotation, string PixelFormat, int Frames,
    double VideoDuration, double Duration, double FrameRate, string? AudioCodec)
{
    /// <summary>The upright size a player shows: coded size turned by the rotation metadata.</summary>
    public (int Width, int Height) Display => Math.Abs(Rotation) % 180 == 90 ? (CodedHeight, CodedWidth) : (CodedWidth, CodedHeight);

    public double FrameDuration => 1 / FrameRate;

    public static async Task<VideoProbe> OfAsync(string path)
    {
        using var json = JsonDocument.Parse(await Ffmpeg.ProbeAsync("-count_frames", "-show_streams", "-show_format", "-of", "json", path));
        var streams = json.RootElement.GetProperty("streams").EnumerateArray().ToList();
        var video = streams.First(s => s.GetProperty("codec_type").GetString() == "video");
        var audio = streams.FirstOrDefault(s => s.GetProperty("codec_type").GetString() == "audio");
        var format = json.RootElement.GetProperty("format");
        return new VideoProbe(
            video.GetProperty("width").GetInt32(),
            video.GetProperty("height").GetInt32(),
            RotationOf(video),
            video.GetProperty("pix_fmt").GetString() ?? "",
            int.Parse(video.GetProperty("nb_read_frames").GetString()!, CultureInfo.InvariantCulture),
            Seconds(video, "duration"),
            Seconds(format, "duration"),
            Rational(video.GetProperty("avg_frame_rate").GetString()!),
            audio.ValueKind == JsonValueKind.Object ? audio.GetProperty("codec_name").GetString() : null);
    }

    /// <summary>Presentation time of every decoded video frame, in seconds, in order.</summary>
    public static async Task<double[]> FrameTimesAsync(string path)
    {
        var csv = await Ffmpeg.ProbeAsync("-select_streams", "v:0", "-show_entries", "frame=best_effort_timestamp_time", "-of", "csv=p=0", path);
        return [.. csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => double.Parse(line.TrimEnd(','), CultureInfo.InvariantCulture))];
    }

    /// <summary>MD5 of the first audio stream's packets as stored (no decoding): equal only for a bit-exact copy.</summary>
    public static async Task<string> AudioPacketHashAsync(string path) =>
        (await Ffmpeg.RunAsync("-i", path, "-map", "0:a:0", "-c", "copy", "-f", "hash", "-hash", "md5", "-")).Trim();

    private static int RotationOf(JsonElement stream)
    {
        if (stream.TryGetProperty("side_data_list", out var sideData))
            foreach (var item in sideData.EnumerateArray())
                if (item.TryGetProperty("rotation", out var rotation)) return rotation.GetInt32();
        return stream.TryGetProperty("tags", out var tags) && tags.TryGetProperty("rotate", out var rotate)
            ? int.Parse(rotate.GetString()!, CultureInfo.InvariantCulture) : 0;
    }

    private static double Seconds(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? double.Parse(value.GetString()!, CultureInfo.InvariantCulture) : double.NaN;

    private static double Rational(string text)
    {
        var parts = text.Split('/');
        var (numerator, denominator) = (double.Parse(parts[0], CultureInfo.InvariantCulture), parts.Length > 1 ? double.Parse(parts[1], CultureInfo.InvariantCulture) : 1);
        return denominator == 0 ? double.NaN : numerator / denominator;
    }
}
