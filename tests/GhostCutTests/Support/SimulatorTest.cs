using Vtis.TestSupport;

namespace Vtis.GhostCutTests.Support;

/// <summary>Gives each test its own simulator (started in milliseconds) so behaviours never leak between tests.</summary>
public abstract class SimulatorTest
{
    internal GhostCutSimulator Simulator { get; private set; } = null!;

    [SetUp]
    public async Task StartSimulatorAsync() =>
        Simulator = await GhostCutSimulator.StartAsync(GhostCutTestEnvironment.FastSimulator);

    [TearDown]
    public async Task StopSimulatorAsync() => await Simulator.DisposeAsync();

    internal ClientHost NewClient(string? appSecret = "test-secret", string appKey = "test-key", TimeSpan? timeout = null) =>
        ClientHost.For(Simulator.BaseUrl, appSecret, appKey, timeout);
}
