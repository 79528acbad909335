using OpenCvSharp;

namespace Vtis.EngineBench;

/// <summary>
/// What the recogniser read where each line was, in one video (the subtitled input or the engine's output).
/// A line counts as read when any of its sampled frames reads it: one legible frame is enough for a viewer.
/// </summary>
internal sealed class LineReadings(IReadOnlyList<SubtitleLine> lines)
{
    private readonly bool[] _read = new bool[lines.Count];
    private readonly bool[] _sampled = new bool[lines.Count];
    private readonly List<string> _examples = [];

    public int Lines => _sampled.Count(s => s);

    public int LinesRead => _read.Count(r => r);

    public int Crops { get; private set; }

    /// <summary>Letters and digits recognised over all crops: how much text-like structure is left.</summary>
    public long Characters { get; private set; }

    public IEnumerable<string> UnreadLines => lines.Where((_, i) => _sampled[i] && !_read[i]).Select(l => l.Text);

    /// <summary>A few "line -> what was read" pairs for lines that were read.</summary>
    public IReadOnlyList<string> Examples => _examples;

    public void Add(int line, string recognised)
    {
        _sampled[line] = true;
        Crops++;
        Characters += TextComparison.Normalize(recognised).Length;
        if (!TextComparison.Reads(lines[line].Comparable, recognised)) return;
        if (!_read[line] && _examples.Count < 4) _examples.Add($"'{lines[line].Text}' -> '{recognised}'");
        _read[line] = true;
    }

    /// <summary>The region a line's crop is read from: its ground-truth box with a margin, as a line detector would give.</summary>
    public static Rect CropAround(Rect line, int width, int height)
    {
        var padY = Math.Max(4, line.Height / 6);
        var padX = Math.Max(6, line.Height / 3);
        var x0 = Math.Max(0, line.Left - padX);
        var y0 = Math.Max(0, line.Top - padY);
        var x1 = Math.Min(width, line.Right + padX);
        var y1 = Math.Min(height, line.Bottom + padY);
        return new Rect(x0, y0, x1 - x0, y1 - y0);
    }
}

/// <summary>Readings pooled over clips: lines sampled and lines read.</summary>
internal sealed record ReadingTotals(int Lines, int LinesRead)
{
    public static ReadingTotals Of(IEnumerable<LineReadings> readings) =>
        readings.Aggregate(new ReadingTotals(0, 0), (t, r) => new ReadingTotals(t.Lines + r.Lines, t.LinesRead + r.LinesRead));
}
