using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;

namespace Vtis.Engine.Media;

/// <summary>Decodes a video with ffmpeg into upright raw frames piped through stdout (no temporary images).
/// Frame timestamps come from ffmpeg's <c>showinfo</c> filter on stderr, so variable frame rates survive.
/// A pump reads a few frames ahead: a pipe holds far less than a frame, so without it ffmpeg would decode only
/// while the engine waits for it.</summary>
internal sealed class FrameReader : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Stream _stdout;
    private readonly Channel<double> _timestamps = Channel.CreateUnbounded<double>();
    private readonly StringBuilder _errors = new();
    private readonly Task _stderrPump;
    private readonly double _frameRate;
    private readonly string _input;
    private readonly int _frameBytes;
    private readonly Channel<(byte[] Pixels, double Time)> _decoded;
    private readonly Channel<byte[]> _spare = Channel.CreateUnbounded<byte[]>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;
    private int _index;
    private int _timesRead;

    public FrameReader(string ffmpeg, string input, RawFormat format, double frameRate, int readAhead = 3)
    {
        _frameRate = frameRate;
        _input = input;
        _frameBytes = format.FrameBytes;
        _process = ToolProcess.Start(ffmpeg,
        [
            "-hide_banner", "-nostdin", "-nostats", "-loglevel", "info", "-i", input,
            "-map", "0:v:0", "-an", "-sn", "-dn", "-vf", "showinfo=checksum=0", "-fps_mode", "passthrough",
            "-f", "rawvideo", "-pix_fmt", format.FfmpegName, "pipe:1",
        ], stdin: false, stdout: true);
        _stdout = _process.StandardOutput.BaseStream;
        _stderrPump = Task.Run(PumpStderrAsync);
        _decoded = Channel.CreateBounded<(byte[], double)>(new BoundedChannelOptions(Math.Max(1, readAhead)) { SingleReader = true, SingleWriter = true });
        _pump = Task.Run(() => PumpFramesAsync(_stop.Token));
    }

    public int FramesRead => _index;

    /// <summary>Fills <paramref name="pixels"/> with the next frame; false at the end of the video.</summary>
    public async Task<(bool Read, double Time)> ReadAsync(byte[] pixels, CancellationToken ct)
    {
        if (!await _decoded.Reader.WaitToReadAsync(ct))
        {
            await _pump; // rethrows what stopped the pump
            return (false, 0);
        }
        var (frame, time) = await _decoded.Reader.ReadAsync(ct);
        frame.AsSpan(0, _frameBytes).CopyTo(pixels);
        _spare.Writer.TryWrite(frame);
        _index++;
        return (true, time);
    }

    private async Task PumpFramesAsync(CancellationToken ct)
    {
        try
        {
            while (true)
            {
                var frame = _spare.Reader.TryRead(out var spare) ? spare : new byte[_frameBytes];
                var read = await _stdout.ReadAtLeastAsync(frame.AsMemory(0, _frameBytes), _frameBytes, throwOnEndOfStream: false, ct);
                if (read < _frameBytes) break;
                await _decoded.Writer.WriteAsync((frame, await NextTimestampAsync(ct)), ct);
            }
            _decoded.Writer.TryComplete();
        }
        catch (Exception e)
        {
            _decoded.Writer.TryComplete(e);
            throw;
        }
    }

    /// <summary>Waits for ffmpeg to end; throws <see cref="EngineInputException"/> if it failed before any frame.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        await _process.WaitForExitAsync(ct);
        await _stderrPump;
        if (_index == 0)
            throw new EngineInputException($"No frame of the input could be decoded: {VideoSource.LastLine(Errors, _input)}");
    }

    public string Errors
    {
        get
        {
            lock (_errors) return _errors.ToString();
        }
    }

    private async Task<double> NextTimestampAsync(CancellationToken ct)
    {
        // showinfo logs a frame before ffmpeg writes it, so the line is there or on its way; if stderr has ended
        // (it should not), fall back to the nominal rate.
        while (await _timestamps.Reader.WaitToReadAsync(ct))
            if (_timestamps.Reader.TryRead(out var t))
            {
                _timesRead++;
                return t;
            }
        return _timesRead++ / _frameRate;
    }

    private async Task PumpStderrAsync()
    {
        var reader = _process.StandardError;
        while (await reader.ReadLineAsync() is { } line)
        {
            var at = line.IndexOf(" pts_time:", StringComparison.Ordinal);
            if (at >= 0 && line.Contains("Parsed_showinfo", StringComparison.Ordinal))
            {
                var start = at + " pts_time:".Length;
                var end = line.IndexOf(' ', start);
                var text = end < 0 ? line[start..] : line[start..end];
                _timestamps.Writer.TryWrite(double.TryParse(text, CultureInfo.InvariantCulture, out var t) ? t : double.NaN);
            }
            else if (!line.StartsWith(' ') && !line.Contains("Parsed_showinfo", StringComparison.Ordinal))
            {
                lock (_errors)
                    if (_errors.Length < 8192) _errors.AppendLine(line);
            }
        }
        _timestamps.Writer.TryComplete();
    }

    public async ValueTask DisposeAsync()
    {
        ToolProcess.Kill(_process);
        await _stop.CancelAsync();
        try
        {
            await _pump;
        }
        catch (Exception)
        {
            // Stopped on purpose, or already reported by ReadAsync.
        }
        _stop.Dispose();
        try
        {
            await _stderrPump.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            // The process is killed; a stuck pipe must not hold the caller.
        }
        _process.Dispose();
    }
}
