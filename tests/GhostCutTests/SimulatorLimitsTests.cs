using Vtis.GhostCut;
using Vtis.GhostCutTests.Support;
using Vtis.TestSupport;

namespace Vtis.GhostCutTests;

/// <summary>Simulators with unusual settings, each started for its test.</summary>
public sealed class SimulatorLimitsTests
{
    [Test]
    public async Task Input_over_the_size_limit_fails_with_100()
    {
        await using var simulator = await GhostCutSimulator.StartAsync(new GhostCutSimulatorOptions
        {
            QueuedFor = TimeSpan.Zero,
            ProcessingFor = TimeSpan.Zero,
            MaxInputBytes = 1024,
        });

        var work = await RunOneAsync(simulator);

        Assert.That(work.ProcessStatus, Is.EqualTo(GhostCutFailures.FileTooLarge));
    }

    [Test]
    public async Task Missing_renderer_fails_the_work_with_20_and_still_calls_back()
    {
        await using var simulator = await GhostCutSimulator.StartAsync(new GhostCutSimulatorOptions
        {
            QueuedFor = TimeSpan.Zero,
            ProcessingFor = TimeSpan.Zero,
            FfmpegPath = "/nonexistent/ffmpeg",
        });
        var tag = Guid.NewGuid().ToString("N");

        var work = await RunOneAsync(simulator, GhostCutTestEnvironment.Stub.CallbackUrl(tag));

        Assert.That(work.ProcessStatus, Is.EqualTo(GhostCutFailures.ErasingFailed));
        await Eventually.UntilAsync(() => GhostCutTestEnvironment.Stub.Received(tag), received => received.Count == 1);
    }

    private static async Task<GhostCutWork> RunOneAsync(GhostCutSimulator simulator, string? callback = null)
    {
        using var host = ClientHost.For(simulator.BaseUrl);
        var submission = await host.Client.SubmitAsync(
            new GhostCutWorkRequest { Urls = [GhostCutTestEnvironment.InputVideoUrl], Callback = callback }, CancellationToken.None);
        return await Eventually.UntilAsync(() => simulator.FindWork(submission.WorkIds[0])!, work => !work.IsRunning);
    }
}
