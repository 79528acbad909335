using System.Buffers.Binary;
using System.Text;

namespace Vtis.Engine.Media;

/// <summary>Writes uncompressed frames with their own timestamps and durations as a streamable Matroska file, so ffmpeg
/// can encode them keeping the source's exact timing (variable frame rate included); a raw pipe would force one rate.
/// The track states <paramref name="nominalFrameDuration"/> too: ffmpeg cannot measure the rate of frames too big for its
/// 5 MB probe (1080p and up), and its MP4 muxer lets the last sample last one frame at the stream's rate when the
/// encoder gives packets no duration (libx264 before ffmpeg 6.1); at a rate unknown, the last sample lasts nothing and
/// the edit list drops it.</summary>
internal sealed class RawMatroskaWriter(Stream output, RawFormat format, TimeSpan nominalFrameDuration)
{
    private const long TimestampScaleNs = 1000; // microsecond ticks
    private readonly byte[] _header = new byte[64];
    private bool _started;

    /// <summary>Writes a frame shown from <paramref name="timestamp"/> for <paramref name="duration"/>.</summary>
    public async ValueTask WriteFrameAsync(ReadOnlyMemory<byte> pixels, TimeSpan timestamp, TimeSpan duration, CancellationToken ct)
    {
        if (!_started)
        {
            await output.WriteAsync(Preamble(), ct);
            _started = true;
        }

        // One cluster per frame: the cluster carries the absolute timestamp, its one block group a zero offset and the
        // duration. Both ends are rounded to ticks, so back-to-back frames stay back to back.
        var start = Ticks(timestamp);
        var ticks = Math.Max(1, Ticks(timestamp + duration) - start);
        var timestampElement = Element(0xE7, UInt(start));
        var durationElement = Element(0x9B, UInt(ticks));
        const int blockHeader = 4; // track number (1-byte vint), int16 relative timestamp, flags
        long blockSize = blockHeader + pixels.Length;
        long blockLength = IdLength(0xA1) + 8 + blockSize;
        long groupPayload = blockLength + durationElement.Length;
        long clusterPayload = timestampElement.Length + IdLength(0xA0) + 8 + groupPayload;

        var n = 0;
        n += WriteId(_header.AsSpan(n), 0x1F43B675);
        n += WriteSize8(_header.AsSpan(n), clusterPayload);
        timestampElement.CopyTo(_header.AsSpan(n));
        n += timestampElement.Length;
        n += WriteId(_header.AsSpan(n), 0xA0);
        n += WriteSize8(_header.AsSpan(n), groupPayload);
        n += WriteId(_header.AsSpan(n), 0xA1);
        n += WriteSize8(_header.AsSpan(n), blockSize);
        _header[n++] = 0x81; // track 1
        _header[n++] = 0;
        _header[n++] = 0;
        _header[n++] = 0; // a block group's frame is a keyframe when it names no reference block
        await output.WriteAsync(_header.AsMemory(0, n), ct);
        await output.WriteAsync(pixels, ct);
        await output.WriteAsync(durationElement, ct);
    }

    private static long Ticks(TimeSpan time) => Math.Max(0, (long)Math.Round(time.TotalMicroseconds));

    private byte[] Preamble()
    {
        var ebml = Element(0x1A45DFA3, Concat(
            Element(0x4286, UInt(1)), Element(0x42F7, UInt(1)), Element(0x42F2, UInt(4)), Element(0x42F3, UInt(8)),
            Element(0x4282, Encoding.ASCII.GetBytes("matroska")), Element(0x4287, UInt(4)), Element(0x4285, UInt(2))));
        var info = Element(0x1549A966, Concat(
            Element(0x2AD7B1, UInt(TimestampScaleNs)),
            Element(0x4D80, Encoding.ASCII.GetBytes("vtis-engine")),
            Element(0x5741, Encoding.ASCII.GetBytes("vtis-engine"))));
        var video = Element(0xE0, Concat(
            Element(0xB0, UInt(format.Width)), Element(0xBA, UInt(format.Height)),
            Element(0x2EB524, format.FourCc)));
        var track = Element(0xAE, Concat(
            Element(0xD7, UInt(1)), Element(0x73C5, UInt(1)), Element(0x83, UInt(1)), Element(0x9C, UInt(0)),
            Element(0x23E383, UInt(Math.Max(1, (long)Math.Round(nominalFrameDuration.TotalNanoseconds)))),
            Element(0x86, Encoding.ASCII.GetBytes("V_UNCOMPRESSED")), video));
        var tracks = Element(0x1654AE6B, track);

        // The segment's size is unknown: frames are streamed until the pipe closes.
        var segmentHeader = new byte[12];
        var n = WriteId(segmentHeader, 0x18538067);
        segmentHeader[n] = 0x01;
        segmentHeader.AsSpan(n + 1, 7).Fill(0xFF);
        return Concat(ebml, segmentHeader, info, tracks);
    }

    private static byte[] Element(uint id, byte[] payload)
    {
        var buffer = new byte[4 + 8 + payload.Length];
        var n = WriteId(buffer, id);
        n += WriteSize8(buffer.AsSpan(n), payload.Length);
        payload.CopyTo(buffer.AsSpan(n));
        return buffer[..(n + payload.Length)];
    }

    private static byte[] UInt(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        var skip = 0;
        while (skip < 7 && bytes[skip] == 0) skip++;
        return bytes[skip..];
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static int IdLength(uint id) => id > 0xFFFFFF ? 4 : id > 0xFFFF ? 3 : id > 0xFF ? 2 : 1;

    private static int WriteId(Span<byte> dest, uint id)
    {
        var length = IdLength(id);
        for (var i = 0; i < length; i++) dest[i] = (byte)(id >> (8 * (length - 1 - i)));
        return length;
    }

    /// <summary>An EBML size as an 8-byte vint: 0x01 marker then 7 bytes.</summary>
    private static int WriteSize8(Span<byte> dest, long size)
    {
        dest[0] = 0x01;
        for (var i = 0; i < 7; i++) dest[1 + i] = (byte)(size >> (8 * (6 - i)));
        return 8;
    }
}
