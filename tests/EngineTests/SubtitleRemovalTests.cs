using Vtis.EngineTests.Support;

namespace Vtis.EngineTests;

/// <summary>The main case: the subtitled clip cleaned with default settings. The tests share one run.</summary>
public sealed class SubtitleRemovalTests
{
    /// <summary>The top 70 % of the frame (rows 0–251), well clear of the subtitles (rows 300–332).</summary>
    private static readonly bool[] AboveTheSubtitles =
        [.. Enumerable.Range(0, Subtitles.Width * Subtitles.Height).Select(i => i / Subtitles.Width < Subtitles.Height * 0.7)];

    private static async Task<EngineRun> CleanedAsync() => await EngineRuns.DefaultAsync((await Clips.Subtitled).Subtitled);

    [Test]
    public async Task Subtitles_are_removed_and_audio_is_kept()
    {
        var run = await CleanedAsync();
        var input = await VideoProbe.OfAsync(run.Input);
        var output = await VideoProbe.OfAsync(run.Output);
        var score = await SubtitleScore.MeasureAsync(run.Output, area: AboveTheSubtitles);
        TestContext.Out.WriteLine(score);
        TestContext.Out.WriteLine($"input {input}\noutput {output}");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(score.Frames, Is.EqualTo(input.Frames), "frames compared");
            Assert.That(score.OutputVsClean.Decibels, Is.GreaterThanOrEqualTo(score.SubtitledVsClean.Decibels + 6),
                "inside the text, the output is at least 6 dB closer to the clean clip than the subtitled input was");
            Assert.That(score.AreaVsSubtitled.Decibels, Is.GreaterThanOrEqualTo(35), "above the subtitle band, only encoding loss");
            Assert.That(output.AudioCodec, Is.EqualTo("aac"), "audio stream");
            Assert.That(output.Frames, Is.EqualTo(input.Frames), "frame count");
            Assert.That(output.VideoDuration, Is.EqualTo(input.VideoDuration).Within(input.FrameDuration), "video duration");
            Assert.That(output.Duration, Is.EqualTo(input.Duration).Within(input.FrameDuration), "file duration");
            Assert.That(output.Display, Is.EqualTo(input.Display), "size");
        }
    }

    [Test]
    public async Task Audio_is_copied_bit_for_bit_when_mp4_can_hold_it()
    {
        var run = await CleanedAsync();
        Assert.That(await VideoProbe.AudioPacketHashAsync(run.Output), Is.EqualTo(await VideoProbe.AudioPacketHashAsync(run.Input)));
    }

    [Test]
    public async Task Cleaned_boxes_cover_the_subtitles_in_every_frame()
    {
        var run = await CleanedAsync();
        Assert.That(run.Masks.Select(m => m.Index), Is.EqualTo(Enumerable.Range(0, run.Result.Frames)), "one mask per frame, in order");

        var worst = (Coverage: double.PositiveInfinity, Frame: -1);
        var framesWithText = 0;
        await using var text = LumaFrames.Render(Subtitles.MaskGraph, Subtitles.Width, Subtitles.Height);
        await LumaFrames.ZipAsync([text], (index, frames) =>
        {
            var coverage = Coverage(Subtitles.ToMask(frames[0]), run.Masks[index].Boxes);
            if (coverage is not { } covered) return;
            framesWithText++;
            if (covered < worst.Coverage) worst = (covered, index);
        });
        TestContext.Out.WriteLine($"{framesWithText} frames with text; worst coverage {worst.Coverage:P1} in frame {worst.Frame}; " +
            $"engine: {run.Result.FramesWithText} frames with text");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(framesWithText, Is.GreaterThan(0), "the mask shows text");
            Assert.That(worst.Coverage, Is.GreaterThanOrEqualTo(0.95), $"share of text pixels inside the boxes, frame {worst.Frame}");
            Assert.That(run.Result.FramesWithText, Is.GreaterThanOrEqualTo(framesWithText));
            Assert.That(run.Masks.Select(m => m.Time), Is.EqualTo(run.Masks.Select(m => m.Index / (double)Subtitles.Rate)).Within(0.001),
                "mask times are the frame times");
        }
    }

    [Test]
    public async Task Progress_rises_monotonically_to_100()
    {
        var run = await CleanedAsync();
        var percents = run.Progress.Select(p => p.Percent).ToList();
        TestContext.Out.WriteLine(string.Join(' ', percents));

        Assert.That(percents, Is.Not.Empty);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(percents, Is.Ordered, "percent never goes back");
            Assert.That(run.Progress.Select(p => p.Frame), Is.Ordered, "frames never go back");
            Assert.That(percents[^1], Is.EqualTo(100));
            Assert.That(percents.Distinct().Count(p => p is > 0 and < 100), Is.GreaterThanOrEqualTo(3), "reports along the way");
        }
    }

    [Test]
    public async Task Result_describes_the_video()
    {
        var run = await CleanedAsync();
        var input = await VideoProbe.OfAsync(run.Input);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.Result.Frames, Is.EqualTo(input.Frames));
            Assert.That((run.Result.Width, run.Result.Height), Is.EqualTo(input.Display));
            Assert.That(run.Result.DurationSeconds, Is.EqualTo(input.VideoDuration).Within(input.FrameDuration));
            Assert.That(run.Result.Elapsed, Is.GreaterThan(TimeSpan.Zero));
        }
    }

    /// <summary>Share of the text pixels inside any box, or null when the frame has no text.</summary>
    private static double? Coverage(bool[] text, IReadOnlyList<Engine.PixelBox> boxes)
    {
        var (total, covered) = (0, 0);
        for (var i = 0; i < text.Length; i++)
        {
            if (!text[i]) continue;
            total++;
            var (x, y) = (i % Subtitles.Width, i / Subtitles.Width);
            if (boxes.Any(b => x >= b.X && x < b.Right && y >= b.Y && y < b.Bottom)) covered++;
        }

        return total == 0 ? null : (double)covered / total;
    }
}
