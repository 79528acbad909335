using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Vtis.ServiceInterface.Data;

namespace Vtis.ServiceInterface.Media;

/// <summary>Why a file is not a usable video.</summary>
public enum MediaRejection
{
    /// <summary>Not a container we accept (or not a media file at all): 415.</summary>
    UnsupportedFormat,

    /// <summary>Recognised but unreadable: truncated, corrupt, empty, no video stream, no duration: 422.</summary>
    Unreadable,

    /// <summary>A video codec we cannot decode: 415.</summary>
    UnsupportedCodec,
}

public sealed class MediaRejectedException(MediaRejection kind, string message) : Exception(message)
{
    public MediaRejection Kind { get; } = kind;
}

/// <summary>The video could not be read from the URL it is stored at just now: an HTTP 5xx answer, a network failure
/// or a read that took too long. Nothing is known to be wrong with the video; the caller should try again later (the
/// queue retries, an API caller gets a 503) rather than reject it and delete its bytes.</summary>
public sealed class MediaUnavailableException(string message) : IOException(message);

/// <summary>Reads a video's container, streams, duration and size with ffprobe: by content, never by extension.</summary>
public sealed class MediaProbe(ILogger<MediaProbe> logger)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static readonly HashSet<string> DecodableVideoCodecs = new(StringComparer.Ordinal)
    {
        "h264", "hevc", "mpeg4", "mpeg2video", "mpeg1video", "vp8", "vp9", "av1", "mjpeg", "prores", "dvvideo",
        "msmpeg4v2", "msmpeg4v3", "h263", "rawvideo", "png", "qtrle", "dnxhd", "cinepak", "theora", "wmv2", "wmv3",
    };

    // What ffmpeg's HTTP and TCP layers say when the storage, not the video, failed.
    private static readonly string[] TransientReadErrors =
    [
        "Server returned 5", "Connection refused", "Connection timed out", "Connection reset by peer", "Broken pipe",
        "Network is unreachable", "Failed to resolve hostname", "Temporary failure in name resolution", "Input/output error",
    ];

    /// <summary>Probes a local path or an http(s) URL. Throws <see cref="MediaRejectedException"/> for anything
    /// that is not an MP4, MOV or AVI with a decodable video stream and a duration, and
    /// <see cref="MediaUnavailableException"/> when a URL could not be read just now.</summary>
    public async Task<MediaFacts> ProbeAsync(string input, CancellationToken ct)
    {
        var remote = input.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || input.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        int exitCode;
        string stdout, stderr;
        try
        {
            (exitCode, stdout, stderr) = await RunAsync(input, ct);
        }
        catch (TimeoutException)
        {
            if (remote) throw new MediaUnavailableException("Reading the stored video took too long.");
            throw new MediaRejectedException(MediaRejection.Unreadable, "Reading the video took too long.");
        }

        if (exitCode != 0)
        {
            if (remote && TransientReadErrors.Any(e => stderr.Contains(e, StringComparison.OrdinalIgnoreCase)))
            {
                logger.LogWarning("ffprobe could not read the stored video just now: {Error}", Trim(stderr));
                throw new MediaUnavailableException("The stored video could not be read just now.");
            }

            logger.LogInformation("ffprobe refused the input: {Error}", Trim(stderr));
            if (stderr.Contains("Invalid data found", StringComparison.OrdinalIgnoreCase) &&
                !stderr.Contains("moov atom not found", StringComparison.OrdinalIgnoreCase))
                throw new MediaRejectedException(MediaRejection.UnsupportedFormat, "The file is not a video in a format we accept (MP4, MOV or AVI).");
            throw new MediaRejectedException(MediaRejection.Unreadable, "The video could not be read: it looks truncated or corrupt.");
        }

        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        var format = root.GetProperty("format");
        var container = ContainerOf(format);
        var video = root.GetProperty("streams").EnumerateArray()
            .FirstOrDefault(s => s.GetProperty("codec_type").GetString() == "video" && !IsAttachedPicture(s));
        if (video.ValueKind == JsonValueKind.Undefined)
            throw new MediaRejectedException(MediaRejection.Unreadable, "The file has no video stream.");
        var codec = video.TryGetProperty("codec_name", out var c) ? c.GetString() ?? "" : "";
        if (!DecodableVideoCodecs.Contains(codec))
            throw new MediaRejectedException(MediaRejection.UnsupportedCodec, $"The video codec '{(codec.Length == 0 ? "unknown" : codec)}' is not supported.");

        var duration = Number(format, "duration") ?? Number(video, "duration") ?? 0;
        if (duration <= 0)
            throw new MediaRejectedException(MediaRejection.Unreadable, "The video has no duration: it looks truncated or corrupt.");
        var width = (int)(Number(video, "width") ?? 0);
        var height = (int)(Number(video, "height") ?? 0);
        if (width <= 0 || height <= 0)
            throw new MediaRejectedException(MediaRejection.Unreadable, "The video has no frame size: it looks corrupt.");
        if (Math.Abs(Rotation(video)) % 180 == 90) (width, height) = (height, width);

        return new MediaFacts
        {
            Container = container,
            DurationSeconds = Math.Round(duration, 3),
            Width = width,
            Height = height,
            FrameRate = Math.Round(FrameRate(video), 3),
            VideoCodec = codec,
            HasAudio = root.GetProperty("streams").EnumerateArray().Any(s => s.GetProperty("codec_type").GetString() == "audio"),
        };
    }

    private static string ContainerOf(JsonElement format)
    {
        var name = format.TryGetProperty("format_name", out var n) ? n.GetString() ?? "" : "";
        if (name == "avi") return "avi";
        if (!name.Split(',').Contains("mov"))
            throw new MediaRejectedException(MediaRejection.UnsupportedFormat, $"The container '{name}' is not accepted: use MP4, MOV or AVI.");
        var brand = format.TryGetProperty("tags", out var tags) && tags.TryGetProperty("major_brand", out var b) ? b.GetString()?.Trim() : null;
        return brand == "qt" ? "mov" : "mp4";
    }

    private static bool IsAttachedPicture(JsonElement stream) =>
        stream.TryGetProperty("disposition", out var d) && d.TryGetProperty("attached_pic", out var a) && a.GetInt32() == 1;

    private static double Rotation(JsonElement video)
    {
        if (video.TryGetProperty("side_data_list", out var list))
            foreach (var item in list.EnumerateArray())
                if (Number(item, "rotation") is { } r) return r;
        return video.TryGetProperty("tags", out var tags) && tags.TryGetProperty("rotate", out var rotate) &&
               double.TryParse(rotate.GetString(), CultureInfo.InvariantCulture, out var value) ? value : 0;
    }

    private static double FrameRate(JsonElement video)
    {
        var text = video.TryGetProperty("avg_frame_rate", out var r) ? r.GetString() : null;
        var parts = text?.Split('/');
        return parts is [var num, var den] && double.TryParse(num, CultureInfo.InvariantCulture, out var n) &&
               double.TryParse(den, CultureInfo.InvariantCulture, out var d) && d > 0 ? n / d : 0;
    }

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.String when double.TryParse(value.GetString(), CultureInfo.InvariantCulture, out var v) => v,
            _ => null,
        } : null;

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string input, CancellationToken ct)
    {
        var start = new ProcessStartInfo("ffprobe")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-v", "error", "-print_format", "json", "-show_format", "-show_streams", "-i", input })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("ffprobe could not be started.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (ct.IsCancellationRequested) throw;
            throw new TimeoutException($"ffprobe ran longer than {Timeout.TotalSeconds:0} s.");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    private static string Trim(string text) => text.Length > 300 ? text[..300] : text.Trim();
}
