using Vtis.EngineTests.Support;

namespace Vtis.EngineTests;

public sealed class VariableFrameRateTests
{
    [Test]
    public async Task Variable_frame_rate_keeps_every_frame_at_its_time()
    {
        var input = await Clips.VariableFrameRate;
        var inputTimes = await VideoProbe.FrameTimesAsync(input);
        var gaps = inputTimes.Zip(inputTimes.Skip(1), (a, b) => b - a).ToList();
        Assert.That(gaps.Max() - gaps.Min(), Is.GreaterThan(0.05), "the input's frame gaps vary (it is VFR)");

        var run = await EngineRuns.DefaultAsync(input);
        var outputTimes = await VideoProbe.FrameTimesAsync(run.Output);
        var worst = inputTimes.Zip(outputTimes, (a, b) => Math.Abs(a - b)).DefaultIfEmpty().Max();
        TestContext.Out.WriteLine($"{inputTimes.Length} frames in, {outputTimes.Length} out; gaps {gaps.Min():F4}..{gaps.Max():F4} s; " +
            $"worst timestamp difference {worst * 1000:F2} ms");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outputTimes, Has.Length.EqualTo(inputTimes.Length), "frame count");
            Assert.That(outputTimes, Is.EqualTo(inputTimes).Within(0.001), "frame times, s");
            Assert.That(run.Result.Frames, Is.EqualTo(inputTimes.Length));
        }
    }
}
