namespace Vtis.EngineTests.Support;

/// <summary>
/// The frames of a video (or of a lavfi graph) as 8-bit luma planes, piped from ffmpeg's stdout: no image files.
/// Rotation metadata is applied (ffmpeg's default), and timestamps pass through, so a VFR file yields each frame once.
/// </summary>
internal sealed class LumaFrames : IAsyncDisposable
{
    private readonly System.Diagnostics.Process _process;
    private readonly Task<string> _errors;
    private readonly string _source;

    private LumaFrames(IEnumerable<string> input, string source, int width, int height)
    {
        (_process, _errors) = Ffmpeg.Start([.. input, "-map", "0:v:0", "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "gray", "-"]);
        _source = source;
        Width = width;
        Height = height;
    }

    public int Width { get; }

    public int Height { get; }

    public static LumaFrames Decode(string path, int width, int height) => new(["-i", path], path, width, height);

    public static LumaFrames Render(string lavfiGraph, int width, int height) => new(["-f", "lavfi", "-i", lavfiGraph], lavfiGraph, width, height);

    /// <summary>The next frame, or null at the end.</summary>
    public async Task<byte[]?> NextAsync()
    {
        var frame = new byte[Width * Height];
        var read = await _process.StandardOutput.BaseStream.ReadAtLeastAsync(frame, frame.Length, throwOnEndOfStream: false);
        if (read == frame.Length) return frame;
        await _process.WaitForExitAsync();
        if (_process.ExitCode != 0 || read != 0)
            throw new InvalidDataException($"Decoding {_source} as {Width}x{Height} failed (exit {_process.ExitCode}, {read} stray bytes): {await _errors}");
        return null;
    }

    /// <summary>Reads several streams in step, frame by frame, until the first one ends; returns how many frames were read.</summary>
    public static async Task<int> ZipAsync(IReadOnlyList<LumaFrames> streams, Action<int, byte[][]> onFrame)
    {
        for (var index = 0; ; index++)
        {
            var frames = await Task.WhenAll(streams.Select(s => s.NextAsync()));
            if (frames.Any(f => f is null)) return index;
            onFrame(index, frames!);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
