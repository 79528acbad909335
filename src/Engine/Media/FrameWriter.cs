using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;

namespace Vtis.Engine.Media;

/// <summary>Encodes frames with ffmpeg (H.264) into the output, taking audio and metadata from the original input.
/// Frames are queued to a pump that feeds ffmpeg, so the engine goes on with the next frame meanwhile.</summary>
internal sealed class FrameWriter : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Stream _stdin;
    private readonly RawMatroskaWriter _container;
    private readonly Task<string> _stderr;
    private readonly Channel<(byte[] Pixels, TimeSpan Time)> _queue;
    private readonly Channel<byte[]> _spare = Channel.CreateUnbounded<byte[]>();
    private readonly int _frameBytes;
    private readonly TimeSpan _nominalInterval;
    private readonly Task _pump;

    public FrameWriter(string ffmpeg, string input, string output, VideoSource source, RawFormat format, string preset, int crf, int queue = 3)
    {
        // yuv420p plays everywhere but needs even sides; keep the exact size of odd-sized videos with 4:4:4.
        var pixelFormat = source.Width % 2 == 0 && source.Height % 2 == 0 ? "yuv420p" : "yuv444p";
        List<string> args =
        [
            "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error",
            "-f", "matroska", "-i", "pipe:0", "-i", input,
            "-map", "0:v:0", "-map", "1:a?", "-map_metadata", "1", "-map_chapters", "-1",
            "-c:v", "libx264", "-preset", preset, "-crf", crf.ToString(CultureInfo.InvariantCulture), "-pix_fmt", pixelFormat,
            // Each frame keeps its own time (variable frame rates too): the encoder works in the pipe's microsecond
            // ticks instead of a frame rate guessed from the first frames.
            "-fps_mode", "passthrough", "-enc_time_base:v", "-1", "-video_track_timescale", source.TimeScale.ToString(CultureInfo.InvariantCulture),
        ];
        args.AddRange(source.AudioCopies ? ["-c:a", "copy"] : ["-c:a", "aac", "-b:a", "192k"]);
        args.AddRange(["-movflags", "+faststart", "-f", MuxerFor(output), "-y", TempPathFor(output)]);
        _process = ToolProcess.Start(ffmpeg, args, stdin: true, stdout: false);
        _stdin = _process.StandardInput.BaseStream;
        _stderr = _process.StandardError.ReadToEndAsync();
        _nominalInterval = TimeSpan.FromSeconds(1 / source.FrameRate);
        _container = new RawMatroskaWriter(_stdin, format, _nominalInterval);
        _frameBytes = format.FrameBytes;
        _queue = Channel.CreateBounded<(byte[], TimeSpan)>(new BoundedChannelOptions(Math.Max(1, queue)) { SingleReader = true, SingleWriter = true });
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>Where the output is written until it is complete; it is moved into place only on success.</summary>
    public static string TempPathFor(string output) => output + ".partial";

    /// <summary>Queues a copy of <paramref name="frame"/>; throws if the encoder has stopped.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> frame, double seconds, CancellationToken ct)
    {
        var copy = _spare.Reader.TryRead(out var spare) ? spare : new byte[_frameBytes];
        frame.Span.CopyTo(copy);
        try
        {
            await _queue.Writer.WriteAsync((copy, TimeSpan.FromSeconds(seconds)), ct);
        }
        catch (ChannelClosedException)
        {
            await _pump; // throws why the encoder stopped
            throw;
        }
    }

    /// <summary>Writes each frame once the next one arrives, as it lasts until then; the last frame lasts as long as
    /// the one before it (or one frame at the nominal rate when it is the only one).</summary>
    private async Task PumpAsync()
    {
        try
        {
            (byte[] Pixels, TimeSpan Time)? held = null;
            var interval = _nominalInterval;
            await foreach (var next in _queue.Reader.ReadAllAsync())
            {
                if (held is { } frame)
                {
                    interval = next.Time - frame.Time;
                    await WriteHeldAsync(frame, interval);
                }
                held = next;
            }
            if (held is { } last) await WriteHeldAsync(last, interval);
            await _stdin.FlushAsync();
        }
        catch (IOException e)
        {
            _queue.Writer.TryComplete();
            await _process.WaitForExitAsync(CancellationToken.None);
            throw new InvalidOperationException($"The encoder stopped: {VideoSource.LastLine(await _stderr)}", e);
        }
    }

    private async Task WriteHeldAsync((byte[] Pixels, TimeSpan Time) frame, TimeSpan duration)
    {
        await _container.WriteFrameAsync(frame.Pixels.AsMemory(0, _frameBytes), frame.Time, duration, CancellationToken.None);
        _spare.Writer.TryWrite(frame.Pixels);
    }

    /// <summary>Closes the stream, waits for the encoder and moves the file into place.</summary>
    public async Task CompleteAsync(string output, CancellationToken ct)
    {
        _queue.Writer.TryComplete();
        await _pump.WaitAsync(ct);
        _stdin.Close();
        await _process.WaitForExitAsync(ct);
        var errors = await _stderr;
        if (_process.ExitCode != 0)
            throw new InvalidOperationException($"The encoder failed (exit {_process.ExitCode}): {VideoSource.LastLine(errors)}");
        File.Move(TempPathFor(output), output, overwrite: true);
    }

    private static string MuxerFor(string output) => Path.GetExtension(output).ToLowerInvariant() switch
    {
        ".mov" => "mov",
        ".mkv" => "matroska",
        _ => "mp4",
    };

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        ToolProcess.Kill(_process);
        try
        {
            await _pump.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception)
        {
            // Killed, or already reported; do not wait on a stuck pipe.
        }
        try
        {
            await _stderr.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            // Killed; do not wait on a stuck pipe.
        }
        _process.Dispose();
    }
}
