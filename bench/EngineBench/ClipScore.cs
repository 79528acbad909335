namespace Vtis.EngineBench;

/// <summary>Everything measured on one clip's frames.</summary>
internal sealed class ClipScore(ClipSpec spec)
{
    public ClipSpec Spec { get; } = spec;

    public int FramesCompared { get; set; }

    public LumaQuality Luma { get; } = new();

    public DetectionScore Detection { get; } = new();

    /// <summary>Lines the recogniser reads in the subtitled input (the denominator: a line it cannot read there says
    /// nothing about the output).</summary>
    public required LineReadings Input { get; init; }

    /// <summary>Lines the recogniser still reads in the engine's output: residue a viewer could read too.</summary>
    public required LineReadings Output { get; init; }

    public StripPanels? Strip { get; set; }

    public List<string> Warnings { get; } = [];
}

/// <summary>Clips pooled: errors, pixel counts and line counts summed, never averaged per clip.</summary>
internal sealed record ScoreTotals(int Clips, int Frames, LumaQuality Luma, DetectionScore Detection, ReadingTotals Input, ReadingTotals Output)
{
    public static ScoreTotals Of(IEnumerable<ClipScore> clips)
    {
        var list = clips.ToList();
        var luma = new LumaQuality();
        var detection = new DetectionScore();
        foreach (var clip in list)
        {
            luma.Add(clip.Luma);
            detection.Add(clip.Detection);
        }

        return new ScoreTotals(list.Count, list.Sum(c => c.FramesCompared), luma, detection,
            ReadingTotals.Of(list.Select(c => c.Input)), ReadingTotals.Of(list.Select(c => c.Output)));
    }
}
