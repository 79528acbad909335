namespace Vtis.EngineTests.Support;

/// <summary>
/// How an output of the subtitled clip compares, frame by frame in luma, with the clean and the subtitled clip:
/// inside the ground-truth text mask, and optionally over another fixed area.
/// </summary>
internal sealed record SubtitleScore(int Frames, Psnr OutputVsClean, Psnr SubtitledVsClean, Psnr OutputVsSubtitled, Psnr AreaVsSubtitled)
{
    /// <param name="area">Pixels (row-major, frame-sized) to compare output with subtitled input over, if any.</param>
    public static async Task<SubtitleScore> MeasureAsync(string output, bool[]? area = null)
    {
        var clip = await Clips.Subtitled;
        var score = new SubtitleScore(0, new Psnr(), new Psnr(), new Psnr(), new Psnr());
        await using var result = LumaFrames.Decode(output, Subtitles.Width, Subtitles.Height);
        await using var clean = LumaFrames.Decode(clip.Clean, Subtitles.Width, Subtitles.Height);
        await using var subtitled = LumaFrames.Decode(clip.Subtitled, Subtitles.Width, Subtitles.Height);
        await using var mask = LumaFrames.Render(Subtitles.MaskGraph, Subtitles.Width, Subtitles.Height);
        var frames = await LumaFrames.ZipAsync([result, clean, subtitled, mask], (_, f) =>
        {
            var text = Subtitles.ToMask(f[3]);
            score.OutputVsClean.Add(f[0], f[1], text);
            score.SubtitledVsClean.Add(f[2], f[1], text);
            score.OutputVsSubtitled.Add(f[0], f[2], text);
            if (area is not null) score.AreaVsSubtitled.Add(f[0], f[2], area);
        });
        return score with { Frames = frames };
    }

    public override string ToString() =>
        $"{Frames} frames; inside the text: output vs clean {OutputVsClean}, subtitled vs clean {SubtitledVsClean}, " +
        $"output vs subtitled {OutputVsSubtitled}; area: output vs subtitled {AreaVsSubtitled}";
}
