using System.Globalization;

namespace Vtis.EngineBench;

/// <summary>
/// Which subtitle line each mask pixel belongs to. The mask is drawn on black with each line in one of seven pure
/// colours (a "slot": bit 1 red, bit 2 green, bit 4 blue). Anti-aliasing only scales a colour towards black, so the
/// set of lit channels still names the slot at the glyphs' soft edges. Lines on screen at the same time get
/// different slots; a slot is reused only after a gap.
/// </summary>
internal sealed class GroundTruth
{
    public const int Slots = 7;

    /// <summary>Two lines closer in time than this never share a slot, so frame rounding cannot mix them up.</summary>
    public const double SlotGap = 0.1;

    private readonly int[] _slotOfLine;

    public GroundTruth(ClipSpec clip)
    {
        Clip = clip;
        _slotOfLine = new int[clip.Lines.Count];
        var freeFrom = new double[Slots + 1];
        Array.Fill(freeFrom, double.NegativeInfinity);
        foreach (var i in Enumerable.Range(0, clip.Lines.Count).OrderBy(i => clip.Lines[i].Start))
        {
            var line = clip.Lines[i];
            var slot = Enumerable.Range(1, Slots).FirstOrDefault(s => freeFrom[s] <= line.Start - SlotGap);
            if (slot == 0) throw new InvalidOperationException($"{clip.Name}: more than {Slots} subtitle lines on screen at once.");
            _slotOfLine[i] = slot;
            freeFrom[slot] = line.End;
        }
    }

    public ClipSpec Clip { get; }

    public static string SlotColour(int slot) =>
        string.Create(CultureInfo.InvariantCulture, $"0x{((slot & 1) != 0 ? 255 : 0):x2}{((slot & 2) != 0 ? 255 : 0):x2}{((slot & 4) != 0 ? 255 : 0):x2}");

    /// <summary>The lavfi graph that draws every line's mask, frame for frame in step with the subtitled clip.</summary>
    public string MaskGraph()
    {
        var c = Clip;
        var lines = c.Lines.Select((line, i) => "," + line.MaskDrawText(SlotColour(_slotOfLine[i])));
        return string.Create(CultureInfo.InvariantCulture,
            $"color=c=black:s={c.Width}x{c.Height}:r={c.Fps}:d={c.Seconds},format=rgb24{string.Concat(lines)}");
    }

    public RawVideo OpenMasks() => RawVideo.Render($"{Clip.Name} masks", MaskGraph(), Clip.Frames, Clip.Width, Clip.Height);

    /// <summary>The mask colour slot of line <paramref name="line"/>.</summary>
    public int SlotOf(int line) => _slotOfLine[line];

    /// <summary>The frame a before/after strip shows: the middle of the first line's display (the recipes put the
    /// category's own kind of line first), or the middle of the clip when there is no text.</summary>
    public (int Frame, int? Line) StripSample() =>
        Clip.Lines.Count == 0
            ? (Clip.Frames / 2, null)
            : (Math.Clamp((int)Math.Round((Clip.Lines[0].Start + Clip.Lines[0].End) / 2 * Clip.Fps), 0, Clip.Frames - 1), 0);

    /// <summary>Frames to read each line on: one per <paramref name="secondsApart"/> of the time it is shown, at least
    /// three, from its second frame to its last but one (three samples inside that span missed a watermark that came
    /// back legible for the last second of the clip).</summary>
    public IReadOnlyList<(int Frame, int Line)> RecognitionSamples(double secondsApart = 0.5)
    {
        var samples = new List<(int, int)>();
        for (var i = 0; i < Clip.Lines.Count; i++)
        {
            var line = Clip.Lines[i];
            var first = (int)Math.Ceiling(line.Start * Clip.Fps) + 1;
            var last = Math.Min(Clip.Frames - 1, (int)Math.Floor(line.End * Clip.Fps) - 1);
            var samplesPerLine = Math.Max(3, (int)Math.Round((last - first) / Clip.Fps / secondsApart));
            for (var k = 0; k < samplesPerLine && last >= first; k++)
                samples.Add((first + (last - first) * k / (samplesPerLine - 1), i));
        }

        return samples;
    }
}
