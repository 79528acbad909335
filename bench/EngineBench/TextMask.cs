using OpenCvSharp;

namespace Vtis.EngineBench;

/// <summary>
/// One frame's ground truth: which pixels are text (fill, outline, shadow, box, frame) and, per slot, the line's
/// pixel count and bounding box. Buffers are reused from frame to frame.
/// </summary>
internal sealed class TextMask : IDisposable
{
    /// <summary>Mask brightness from which a pixel counts as text: a quarter covered by the glyph or more.</summary>
    public const int Threshold = 64;

    private readonly byte[] _slots;
    private readonly int[] _count = new int[GroundTruth.Slots + 1];
    private readonly int[] _minX = new int[GroundTruth.Slots + 1];
    private readonly int[] _minY = new int[GroundTruth.Slots + 1];
    private readonly int[] _maxX = new int[GroundTruth.Slots + 1];
    private readonly int[] _maxY = new int[GroundTruth.Slots + 1];

    public TextMask(int width, int height)
    {
        Width = width;
        Height = height;
        _slots = new byte[width * height];
        Binary = new Mat(height, width, MatType.CV_8UC1);
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>255 on text pixels, 0 elsewhere.</summary>
    public Mat Binary { get; }

    public int TextPixels { get; private set; }

    public int PixelsOf(int slot) => _count[slot];

    public IEnumerable<int> PresentSlots => Enumerable.Range(1, GroundTruth.Slots).Where(s => _count[s] > 0);

    public Rect BoxOf(int slot) => new(_minX[slot], _minY[slot], _maxX[slot] - _minX[slot] + 1, _maxY[slot] - _minY[slot] + 1);

    /// <summary>Reads the slot of every pixel of a bgr24 mask frame.</summary>
    public void Load(Mat maskFrame)
    {
        Array.Clear(_count);
        Array.Fill(_minX, int.MaxValue);
        Array.Fill(_minY, int.MaxValue);
        Array.Fill(_maxX, -1);
        Array.Fill(_maxY, -1);
        var bgr = maskFrame.AsSpan<byte>();
        var binary = Binary.AsSpan<byte>();
        var text = 0;
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var p = y * Width + x;
                int b = bgr[3 * p], g = bgr[3 * p + 1], r = bgr[3 * p + 2];
                var max = Math.Max(r, Math.Max(g, b));
                if (max < Threshold)
                {
                    _slots[p] = 0;
                    binary[p] = 0;
                    continue;
                }

                var half = max / 2;
                var slot = (r >= half ? 1 : 0) | (g >= half ? 2 : 0) | (b >= half ? 4 : 0);
                _slots[p] = (byte)slot;
                binary[p] = 255;
                text++;
                _count[slot]++;
                _minX[slot] = Math.Min(_minX[slot], x);
                _maxX[slot] = Math.Max(_maxX[slot], x);
                _minY[slot] = Math.Min(_minY[slot], y);
                _maxY[slot] = Math.Max(_maxY[slot], y);
            }
        }

        TextPixels = text;
    }

    /// <summary>The slot of every pixel (0 where there is no text), row by row.</summary>
    public ReadOnlySpan<byte> Slots => _slots;

    /// <summary>The box around all text of the frame (empty when there is none).</summary>
    public Rect Bounds => PresentSlots.Select(BoxOf).Aggregate(default(Rect), (all, box) => all.Width == 0 ? box : all | box);

    public void Dispose() => Binary.Dispose();
}
