using System.Globalization;
using Vtis.GhostCut;
using Vtis.GhostCutTests.Support;
using Vtis.TestSupport;

namespace Vtis.GhostCutTests;

/// <summary>The simulator with <c>UseEngine</c>: GhostCut's protocol, results made by the real local engine.</summary>
public sealed class EngineRenderingTests
{
    [Test]
    public async Task Engine_rendered_result_cleans_the_masked_region_and_keeps_the_rest()
    {
        var options = GhostCutTestEnvironment.FastSimulator;
        await using var simulator = await GhostCutSimulator.StartAsync(new GhostCutSimulatorOptions
        {
            QueuedFor = options.QueuedFor,
            ProcessingFor = options.ProcessingFor,
            UseEngine = true,
        });
        using var host = ClientHost.For(simulator.BaseUrl, "test-secret", "test-key", null);
        var submission = await host.Client.SubmitAsync(new GhostCutWorkRequest
        {
            Urls = [GhostCutTestEnvironment.InputVideoUrl],
            NeedChineseOcclude = 2,
            VideoInpaintMasks = GhostCutMask.ToField([GhostCutMask.Box(GhostCutMaskType.Remove, 0, 0.75, 1, 1)]),
        }, CancellationToken.None);

        var work = await Eventually.UntilAsync(() => simulator.FindWork(submission.WorkIds[0])!, w => !w.IsRunning, TimeSpan.FromMinutes(2));

        Assert.That(work.IsSucceeded, Is.True, work.ErrorDetail);
        var folder = Directory.CreateTempSubdirectory("engine-render-");
        try
        {
            var input = Path.Combine(folder.FullName, "input.mp4");
            var output = Path.Combine(folder.FullName, "output.mp4");
            using var http = new HttpClient();
            await File.WriteAllBytesAsync(input, await http.GetByteArrayAsync(new Uri(GhostCutTestEnvironment.InputVideoUrl)));
            await File.WriteAllBytesAsync(output, await http.GetByteArrayAsync(new Uri(work.VideoUrl!)));
            Assert.That(await ExternalTool.CodecsAsync(output), Is.EqualTo(new[] { "h264", "aac" }));
            Assert.That(await PsnrAsync(output, input, "320:60:0:180"), Is.LessThan(25), "the masked band was cleaned");
            Assert.That(await PsnrAsync(output, input, "320:170:0:0"), Is.GreaterThan(30), "the rest is the input, less encoding loss");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<double> PsnrAsync(string a, string b, string crop)
    {
        var log = await ExternalTool.RunAsync("ffmpeg", "-hide_banner", "-nostdin", "-i", a, "-i", b, "-lavfi",
            $"[0:v]crop={crop}[x];[1:v]crop={crop}[y];[x][y]psnr=stats_file=-", "-f", "null", "-");
        var values = log.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ').First(f => f.StartsWith("psnr_avg:", StringComparison.Ordinal))["psnr_avg:".Length..])
            .Select(v => v == "inf" ? 100 : double.Parse(v, CultureInfo.InvariantCulture)).ToList();
        Assert.That(values, Is.Not.Empty);
        return values.Average();
    }
}
