using System.Security.Cryptography;

namespace Vtis.StorageTests.Support;

/// <summary>
/// A forward-only stream of <paramref name="length"/> reproducible pseudo-random bytes, like a request body: not
/// seekable and of unknown length. It hashes what it hands out and lets <paramref name="heap"/> sample the managed
/// heap every few MiB, so a store that buffers the body shows up while the buffer is still alive.
/// </summary>
public sealed class PseudoRandomStream(long length, HeapPeak heap) : Stream
{
    private const int SampleEvery = 4 * 1024 * 1024;

    private readonly Random _random = new(42);
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>SHA-256 of all bytes read; call once the stream has been read to its end.</summary>
    public byte[] Sha256() => _sha256.GetHashAndReset();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = (int)Math.Min(buffer.Length, length - _position);
        if (n <= 0) return 0;
        _random.NextBytes(buffer[..n]);
        _sha256.AppendData(buffer[..n]);
        if (_position / SampleEvery != (_position + n) / SampleEvery) heap.Sample();
        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _sha256.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>Largest growth of the live managed heap (after a full collection) over the baseline taken at creation.</summary>
public sealed class HeapPeak
{
    private readonly long _baseline = GC.GetTotalMemory(forceFullCollection: true);

    public long MaxGrowthBytes { get; private set; }

    public void Sample() => MaxGrowthBytes = Math.Max(MaxGrowthBytes, GC.GetTotalMemory(forceFullCollection: true) - _baseline);
}
