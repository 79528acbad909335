using Vtis.Engine;
using Vtis.EngineTests.Support;

namespace Vtis.EngineTests;

public sealed class FrameDurationTests
{
    [Test]
    public async Task Full_hd_output_decodes_every_input_frame_for_the_input_duration()
    {
        var input = await Clips.FullHd;
        var source = await VideoProbe.OfAsync(input);
        var inputTimes = await VideoProbe.FrameTimesAsync(input);

        var run = await EngineRuns.RunAsync(input, [new TextRegion(0.1, 0.8, 0.9, 0.95)], detect: false);
        var output = await VideoProbe.OfAsync(run.Output);
        var outputTimes = await VideoProbe.FrameTimesAsync(run.Output);
        TestContext.Out.WriteLine($"{source.Frames} frames in ({source.VideoDuration:F3} s), {output.Frames} decoded out ({output.VideoDuration:F3} s)");

        using (Assert.EnterMultipleScope())
        {
            // The last frame needs its own duration, or the MP4 edit list ends where it starts and players drop it.
            Assert.That(output.Frames, Is.EqualTo(source.Frames), "decoded frames");
            Assert.That(outputTimes, Is.EqualTo(inputTimes).Within(0.001), "frame times, s");
            Assert.That(output.VideoDuration, Is.EqualTo(source.VideoDuration).Within(source.FrameDuration / 2), "video duration, s");
            Assert.That(run.Result.Frames, Is.EqualTo(source.Frames));
        }
    }
}
