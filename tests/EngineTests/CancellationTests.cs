using System.Diagnostics;
using Vtis.Engine;
using Vtis.EngineTests.Support;

namespace Vtis.EngineTests;

public sealed class CancellationTests
{
    [Test]
    public async Task Cancelling_mid_run_leaves_no_output_and_no_ffmpeg_behind()
    {
        var input = (await Clips.Subtitled).Subtitled;
        var folder = Workspace.NewOutputFolder();
        using var cancel = new CancellationTokenSource();
        var sinceCancel = new Stopwatch();
        RemovalProgress? cancelledAt = null;
        var progress = new ProgressLog(p =>
        {
            if (p.Percent < 20 || cancelledAt is not null) return;
            cancelledAt = p;
            sinceCancel.Start();
            _ = Task.Run(cancel.Cancel); // as a user would: from another thread
        });
        var request = new RemovalRequest { InputPath = input, OutputPath = Path.Combine(folder, "out.mp4") };

        Assert.CatchAsync<OperationCanceledException>(() => Workspace.Engine.RunAsync(request, progress, cancel.Token));
        sinceCancel.Stop();
        var leftovers = FfmpegProcessesOfThisRun();
        TestContext.Out.WriteLine($"cancelled at {cancelledAt}; stopped {sinceCancel.Elapsed.TotalMilliseconds:F0} ms later");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(cancelledAt, Is.Not.Null, "progress passed 20 %");
            Assert.That(Directory.GetFileSystemEntries(folder), Is.Empty, "nothing left in the output folder");
            Assert.That(leftovers, Is.Empty, "ffmpeg processes still running");
            Assert.That(sinceCancel.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "time from cancel to the exception");
        }
    }

    /// <summary>Running ffmpeg/ffprobe processes that are children of this process or mention the run's temp folder.</summary>
    private static List<string> FfmpegProcessesOfThisRun()
    {
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var arguments = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
                if (arguments.Length == 0 || !Path.GetFileName(arguments[0]).StartsWith("ff", StringComparison.Ordinal)) continue;
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                var commandLine = string.Join(' ', arguments);
                if (parent == Environment.ProcessId || commandLine.Contains(Workspace.Folder, StringComparison.Ordinal))
                    found.Add($"{pid}: {commandLine}");
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }

        return found;
    }
}
