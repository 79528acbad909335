using Vtis.GhostCutTests.Support;
using Vtis.TestSupport;

namespace Vtis.GhostCutTests;

/// <summary>Once per run, for every test in this namespace: the input videos and the app stub that serves them and receives callbacks.</summary>
[SetUpFixture]
public sealed class GhostCutTestEnvironment
{
    private static DirectoryInfo? s_videos;

    internal static AppStub Stub { get; private set; } = null!;

    internal static string InputVideoUrl => Stub.VideoUrl("input.mp4");

    internal static string CorruptVideoUrl => Stub.VideoUrl("not-a-video.mp4");

    internal static string MissingVideoUrl => Stub.VideoUrl("missing.mp4");

    /// <summary>Simulator timings short enough for tests, still long enough to observe every state.</summary>
    internal static GhostCutSimulatorOptions FastSimulator => new()
    {
        QueuedFor = TimeSpan.FromMilliseconds(300),
        ProcessingFor = TimeSpan.FromMilliseconds(400),
        CallbackRetryInterval = TimeSpan.FromMilliseconds(100),
        MaxCallbackAttempts = 3,
    };

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        s_videos = Directory.CreateTempSubdirectory("ghostcut-tests-");
        await ExternalTool.CreateTestVideoAsync(Path.Combine(s_videos.FullName, "input.mp4"));
        await File.WriteAllTextAsync(Path.Combine(s_videos.FullName, "not-a-video.mp4"), "this is not a video");
        Stub = await AppStub.StartAsync(s_videos.FullName, new GhostCutSimulatorOptions().AppSecret);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await Stub.DisposeAsync();
        s_videos?.Delete(recursive: true);
    }
}
