using OpenCvSharp;
using Vtis.Engine;

namespace Vtis.EngineBench;

/// <summary>
/// One frame's ground truth: which pixels are subtitle text (fill, outline and shadow) and, per slot, the line's
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

    /// <summary>Text pixels of <paramref name="slot"/> that lie inside any of <paramref name="boxes"/>.</summary>
    public int CoveredPixels(int slot, IReadOnlyList<PixelBox> boxes)
    {
        if (_count[slot] == 0 || boxes.Count == 0) return 0;
        var box = BoxOf(slot);
        var covered = 0;
        for (var y = box.Top; y < box.Bottom; y++)
        {
            var row = y * Width;
            for (var x = box.Left; x < box.Right; x++)
                if (_slots[row + x] == slot && Inside(boxes, x, y)) covered++;
        }

        return covered;
    }

    /// <summary>Whether a detected box touches any ground-truth text pixel.</summary>
    public bool Touches(PixelBox box)
    {
        var x0 = Math.Clamp(box.X, 0, Width);
        var y0 = Math.Clamp(box.Y, 0, Height);
        var x1 = Math.Clamp(box.Right, 0, Width);
        var y1 = Math.Clamp(box.Bottom, 0, Height);
        if (x1 <= x0 || y1 <= y0 || TextPixels == 0) return false;
        using var region = new Mat(Binary, new Rect(x0, y0, x1 - x0, y1 - y0));
        return Cv2.CountNonZero(region) > 0;
    }

    public void Dispose() => Binary.Dispose();

    private static bool Inside(IReadOnlyList<PixelBox> boxes, int x, int y)
    {
        foreach (var b in boxes)
            if (x >= b.X && x < b.Right && y >= b.Y && y < b.Bottom) return true;
        return false;
    }
}
