using System.Diagnostics;
using OpenCvSharp;

namespace Vtis.EngineBench;

/// <summary>
/// Frames decoded by ffmpeg and piped as raw bgr24 through its stdout straight into a <see cref="Mat"/>: no
/// temporary image files, and only one frame per stream in memory.
/// </summary>
internal sealed class RawVideo : IDisposable
{
    private readonly Process _process;
    private readonly Stream _frames;
    private readonly Task<string> _errors;

    private RawVideo(string description, IEnumerable<string> inputArgs, int width, int height)
    {
        Description = description;
        Width = width;
        Height = height;
        _process = Process.Start(Ffmpeg.StartInfo("ffmpeg",
                ["-hide_banner", "-nostdin", "-v", "error", .. inputArgs, "-f", "rawvideo", "-pix_fmt", "bgr24", "-"]))
            ?? throw new InvalidOperationException("ffmpeg did not start.");
        _process.StandardInput.Close();
        _frames = _process.StandardOutput.BaseStream;
        _errors = _process.StandardError.ReadToEndAsync();
    }

    public string Description { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Decodes a video file, scaled to the given size when it differs (it should not).</summary>
    public static RawVideo Open(string path, int width, int height) =>
        new(Path.GetFileName(path), ["-i", path, "-vf", $"scale={width}:{height}"], width, height);

    /// <summary>Frames made by a filter graph without an input file (the ground-truth masks).</summary>
    public static RawVideo Render(string description, string lavfiGraph, int frames, int width, int height) =>
        new(description, ["-f", "lavfi", "-i", lavfiGraph, "-frames:v", frames.ToString(System.Globalization.CultureInfo.InvariantCulture)], width, height);

    public Mat NewFrame() => new(Height, Width, MatType.CV_8UC3);

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
