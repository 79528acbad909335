using Vtis.Engine;

namespace Vtis.EngineTests;

/// <summary>
/// One temp folder and one engine for the whole run (the engine is thread-safe and meant to be shared).
/// Set ENGINE_TESTS_KEEP=1 to keep the folder (clips and outputs) for a look after the run.
/// </summary>
[SetUpFixture]
public sealed class Workspace
{
    private static readonly Lazy<TextRemovalEngine> SharedEngine = new(() => new TextRemovalEngine(new EngineOptions()));

    /// <summary>Unique to this test process, so ffmpeg processes started for the run can be told apart by their command line.</summary>
    public static string Folder { get; } = Path.Combine(Path.GetTempPath(), $"vtis-engine-tests-{Environment.ProcessId}");

    public static TextRemovalEngine Engine => SharedEngine.Value;

    /// <summary>A new empty folder for one run's output, so a test can check that nothing at all was left in it.</summary>
    public static string NewOutputFolder()
    {
        var folder = Path.Combine(Folder, "out", Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        return folder;
    }

    [OneTimeTearDown]
    public void Remove()
    {
        if (SharedEngine.IsValueCreated) SharedEngine.Value.Dispose();
        if (Environment.GetEnvironmentVariable("ENGINE_TESTS_KEEP") == "1") TestContext.Progress.WriteLine($"Kept {Folder}");
        else if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}
