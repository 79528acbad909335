using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Vtis.Bench;

/// <summary>
/// A read-only, non-seekable stream of <paramref name="length"/> pseudo-random bytes (xorshift64), generated as it
/// is read: a body of any size without holding it anywhere. Records when the last byte was read.
/// </summary>
internal sealed class PseudoRandomStream(long length, ulong seed = 0x9E3779B97F4A7C15) : Stream
{
    private readonly long _length = length;
    private ulong _state = seed == 0 ? 1 : seed;
    private long _remaining = length;

    /// <summary><see cref="Stopwatch"/> timestamp of the read that reached the end, or 0.</summary>
    public long EndTimestamp { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _length - _remaining;
        set => throw new NotSupportedException();
    }

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, _remaining);
        if (count == 0)
        {
            if (EndTimestamp == 0) EndTimestamp = Stopwatch.GetTimestamp();
            return 0;
        }

        var target = buffer[..count];
        var words = MemoryMarshal.Cast<byte, ulong>(target);
        for (var i = 0; i < words.Length; i++) words[i] = Next();
        var tail = target[(words.Length * sizeof(ulong))..];
        for (var i = 0; i < tail.Length; i++) tail[i] = (byte)Next();
        _remaining -= count;
        if (_remaining == 0 && EndTimestamp == 0) EndTimestamp = Stopwatch.GetTimestamp();
        return count;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled<int>(cancellationToken) : ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private ulong Next()
    {
        var x = _state;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        return _state = x;
    }
}
