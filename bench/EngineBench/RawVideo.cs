using System.Diagnostics;
using OpenCvSharp;

namespace Vtis.EngineBench;

/// <summary>
/// Frames decoded by ffmpeg and piped raw through its stdout straight into a <see cref="Mat"/>: no temporary image
/// files, and only one frame per stream in memory. Videos come as yuv420p, the planes the encoder wrote, so scores are
/// taken on the exact luma (Y, the first <c>Height</c> rows of a frame); the ground-truth masks come as bgr24.
/// Frames are passed on as decoded (<c>-fps_mode passthrough</c>): rawvideo output would otherwise get a constant
/// frame rate, duplicating or dropping frames to make it.
/// </summary>
internal sealed class RawVideo : IDisposable
{
    private readonly Process _process;
    private readonly Stream _frames;
    private readonly Task<string> _errors;
    private readonly bool _yuv;

    private RawVideo(string description, IEnumerable<string> inputArgs, int width, int height, bool yuv)
    {
        Description = description;
        Width = width;
        Height = height;
        _yuv = yuv;
        _process = Process.Start(Ffmpeg.StartInfo("ffmpeg",
                ["-hide_banner", "-nostdin", "-v", "error", .. inputArgs, "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", yuv ? "yuv420p" : "bgr24", "-"]))
            ?? throw new InvalidOperationException("ffmpeg did not start.");
        _process.StandardInput.Close();
        _frames = _process.StandardOutput.BaseStream;
        _errors = _process.StandardError.ReadToEndAsync();
    }

    public string Description { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Decodes a video file's first video stream as yuv420p, scaled to the given size when it differs (it should not).</summary>
    public static RawVideo Open(string path, int width, int height) =>
        new(Path.GetFileName(path), ["-i", path, "-map", "0:v:0", "-vf", $"scale={width}:{height}"], width, height, yuv: true);

    /// <summary>bgr24 frames made by a filter graph without an input file (the ground-truth masks).</summary>
    public static RawVideo Render(string description, string lavfiGraph, int frames, int width, int height) =>
        new(description, ["-f", "lavfi", "-i", lavfiGraph, "-frames:v", frames.ToString(System.Globalization.CultureInfo.InvariantCulture)], width, height, yuv: false);

    /// <summary>A frame buffer: <c>Height * 3 / 2</c> rows of single bytes for yuv420p (Y, then U and V), or bgr24.</summary>
    public Mat NewFrame() => _yuv ? new Mat(Height * 3 / 2, Width, MatType.CV_8UC1) : new Mat(Height, Width, MatType.CV_8UC3);

    /// <summary>The luma plane of a yuv420p frame from <see cref="NewFrame"/>, as a view (no copy).</summary>
    public static Mat Luma(Mat yuv) => new(yuv, new Rect(0, 0, yuv.Width, yuv.Height * 2 / 3));

    /// <summary>Reads the next frame into <paramref name="frame"/>; false at the end of the stream.</summary>
    public bool TryRead(Mat frame)
    {
        var span = frame.AsSpan<byte>();
        var read = 0;
        while (read < span.Length)
        {
            var n = _frames.Read(span[read..]);
            if (n == 0) break;
            read += n;
        }

        if (read == span.Length) return true;
        if (read > 0) throw new InvalidDataException($"{Description}: the stream ended inside a frame.");
        _process.WaitForExit();
        if (_process.ExitCode != 0)
            throw new InvalidOperationException($"ffmpeg decoding {Description} failed: {Ffmpeg.Tail(_errors.Result)}");
        return false;
    }

    public void Dispose()
    {
        // Stopped early (fewer frames were needed): end our own decoder rather than drain it.
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
    }
}
