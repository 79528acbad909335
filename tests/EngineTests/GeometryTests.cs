using Vtis.EngineTests.Support;

namespace Vtis.EngineTests;

/// <summary>The output has the upright size a player shows for the input, exactly, and the same picture.</summary>
public sealed class GeometryTests
{
    [Test]
    public async Task Vertical_video_keeps_its_portrait_size() =>
        await AssertSamePictureAtSizeAsync(await EngineRuns.DefaultAsync(await Clips.Vertical), 360, 640);

    [Test]
    public async Task Rotated_video_comes_out_upright()
    {
        var input = await VideoProbe.OfAsync(await Clips.Rotated);
        Assert.That((input.CodedWidth, input.CodedHeight, input.Display), Is.EqualTo((480, 270, (270, 480))), "the input is a rotated landscape encode");

        var run = await EngineRuns.DefaultAsync(await Clips.Rotated);
        var output = await AssertSamePictureAtSizeAsync(run, 270, 480);
        Assert.That(output.Rotation, Is.Zero, "upright pixels, so no rotation left for players to apply");
    }

    [TestCase("odd.mp4")]
    [TestCase("odd.avi")]
    public async Task Odd_sized_video_keeps_its_exact_size(string clip) =>
        await AssertSamePictureAtSizeAsync(await EngineRuns.DefaultAsync(await (clip == "odd.avi" ? Clips.OddSizeAvi : Clips.OddSizeMp4)), 321, 241);

    [Test]
    public async Task Audio_that_mp4_cannot_hold_is_reencoded_to_aac()
    {
        var input = await VideoProbe.OfAsync(await Clips.OddSizeAvi);
        Assert.That(input.AudioCodec, Is.EqualTo("pcm_s16le"), "the input's audio");

        var run = await EngineRuns.DefaultAsync(await Clips.OddSizeAvi);
        var output = await VideoProbe.OfAsync(run.Output);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(output.AudioCodec, Is.EqualTo("aac"));
            Assert.That(output.Duration, Is.EqualTo(input.Duration).Within(0.1), "file duration, s");
        }
    }

    /// <summary>
    /// The output is shown at exactly <paramref name="width"/>x<paramref name="height"/>, the result says so, and its
    /// picture matches the input's as shown (whole-frame luma PSNR, so no crop, pad, scale or turn).
    /// </summary>
    private static async Task<VideoProbe> AssertSamePictureAtSizeAsync(EngineRun run, int width, int height)
    {
        var output = await VideoProbe.OfAsync(run.Output);
        TestContext.Out.WriteLine($"output {output}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(output.Display, Is.EqualTo((width, height)), "size shown");
            Assert.That((run.Result.Width, run.Result.Height), Is.EqualTo((width, height)), "size in the result");
        }

        var psnr = new Psnr();
        await using var decoded = LumaFrames.Decode(run.Output, width, height);
        await using var input = LumaFrames.Decode(run.Input, width, height);
        var frames = await LumaFrames.ZipAsync([decoded, input], (_, f) => psnr.Add(f[0], f[1]));
        TestContext.Out.WriteLine($"{frames} frames: output vs input {psnr}");
        Assert.That(psnr.Decibels, Is.GreaterThanOrEqualTo(30), "PSNR vs the input as shown, dB");
        return output;
    }
}
