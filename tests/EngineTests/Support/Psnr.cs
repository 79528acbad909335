namespace Vtis.EngineTests.Support;

/// <summary>Mean squared error between two sets of 8-bit pixels, accumulated over frames and read out as PSNR in dB.</summary>
internal sealed class Psnr
{
    private double _squares;

    public long Pixels { get; private set; }

    /// <summary>PSNR in dB; 100 when identical, NaN when no pixel was compared.</summary>
    public double Decibels => Pixels == 0 ? double.NaN : _squares == 0 ? 100 : 10 * Math.Log10(255.0 * 255.0 * Pixels / _squares);

    public void Add(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        for (var i = 0; i < a.Length; i++) Add(a[i], b[i]);
    }

    /// <summary>Only the pixels where <paramref name="where"/> is true.</summary>
    public void Add(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<bool> where)
    {
        for (var i = 0; i < a.Length; i++)
            if (where[i]) Add(a[i], b[i]);
    }

    private void Add(byte a, byte b)
    {
        var d = a - b;
        _squares += d * d;
        Pixels++;
    }

    public override string ToString() => $"{Decibels:F1} dB over {Pixels} px";
}
