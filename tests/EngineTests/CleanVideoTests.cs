using Vtis.EngineTests.Support;

namespace Vtis.EngineTests;

public sealed class CleanVideoTests
{
    [Test]
    public async Task Video_without_text_comes_out_unchanged()
    {
        var clean = (await Clips.Subtitled).Clean;
        var run = await EngineRuns.DefaultAsync(clean);
        var whole = new Psnr();
        await using (var output = LumaFrames.Decode(run.Output, Subtitles.Width, Subtitles.Height))
        await using (var input = LumaFrames.Decode(clean, Subtitles.Width, Subtitles.Height))
            await LumaFrames.ZipAsync([output, input], (_, f) => whole.Add(f[0], f[1]));
        var frames = (await VideoProbe.OfAsync(clean)).Frames;
        var masked = run.Masks.Count(m => m.Boxes.Count > 0);
        TestContext.Out.WriteLine($"whole frame: output vs input {whole}; {masked} of {frames} frames masked");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(whole.Pixels, Is.EqualTo((long)frames * Subtitles.Width * Subtitles.Height), "every frame compared");
            Assert.That(whole.Decibels, Is.GreaterThanOrEqualTo(35), "only encoding loss");
            Assert.That(masked, Is.LessThanOrEqualTo(frames / 20), "frames with cleaned boxes");
            Assert.That(run.Result.FramesWithText, Is.LessThanOrEqualTo(frames / 20), "frames the engine says had text");
        }
    }
}
