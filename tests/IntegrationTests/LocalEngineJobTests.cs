using System.Net;
using Vtis.IntegrationTests.Support;
using Vtis.ServiceModel.Jobs;

namespace Vtis.IntegrationTests;

/// <summary>Jobs run by the built-in engine: real detection model, real ffmpeg, through the queue and the API.</summary>
public sealed class LocalEngineJobTests(Db db) : ApiTest(db)
{
    [Test]
    public async Task Local_job_removes_the_subtitle_keeps_audio_and_frames_and_charges_once()
    {
        var session = await App.RegisterAsync();
        var input = await TestMedia.Mp4;
        var upload = await session.UploadAsync(input);

        var job = await session.Client.SendAsync(new SubmitJob { UploadId = upload.Id, Config = new ProcessingConfig { Processor = ProcessorKind.Local } });
        Assert.That(job.Processor, Is.EqualTo(ProcessorKind.Local));
        var done = await session.WaitForEndAsync(job.Id, seconds: 180);

        Assert.That(done.Status, Is.EqualTo(JobStatus.Completed), done.Error?.Message);
        Assert.That((done.ProgressPercentage, done.ActualCreditsUsed), Is.EqualTo((100, 1L)));
        var output = await DownloadAsync(session, job.Id);
        Assert.That(await TestMedia.ProbeAsync(output), Does.Contain("h264").And.Contain("aac"), "video and the original audio");
        var (inFrames, inDuration) = await TestMedia.CountFramesAsync(input);
        var (outFrames, outDuration) = await TestMedia.CountFramesAsync(output);
        Assert.That(outFrames, Is.EqualTo(inFrames));
        Assert.That(outDuration, Is.EqualTo(inDuration).Within(0.07));

        // The clip's subtitle sits in a black box at the bottom (y 200..224 of 240): it must be gone there.
        var subtitleBand = await TestMedia.PsnrAsync(output, input, "200:24:60:200");
        Assert.That(subtitleBand, Is.LessThan(20), "the subtitle area was changed");
        await App.AssertLedgerInvariantsAsync(session);
    }

    [Test]
    public async Task Local_job_with_detection_off_cleans_only_the_given_region()
    {
        var session = await App.RegisterAsync();
        var input = await TestMedia.Mp4;
        var upload = await session.UploadAsync(input);

        var job = await session.Client.SendAsync(new SubmitJob
        {
            UploadId = upload.Id,
            Config = new ProcessingConfig
            {
                Processor = ProcessorKind.Local,
                AutoDetect = false,
                Regions = [new CleanRegion { X0 = 0, Y0 = 0.8, X1 = 1, Y1 = 0.95 }],
            },
        });
        var done = await session.WaitForEndAsync(job.Id, seconds: 180);

        Assert.That(done.Status, Is.EqualTo(JobStatus.Completed), done.Error?.Message);
        var output = await DownloadAsync(session, job.Id);
        Assert.That(await TestMedia.PsnrAsync(output, input, "200:24:60:200"), Is.LessThan(20), "inside the region");
        Assert.That(await TestMedia.PsnrAsync(output, input, "320:150:0:0"), Is.GreaterThan(30), "outside it, only encoding loss");
    }

    private async Task<string> DownloadAsync(Session session, Guid jobId)
    {
        using var link = await session.Client.SendForResponseAsync(new DownloadJob { Id = jobId });
        Assert.That(link.StatusCode, Is.EqualTo(HttpStatusCode.Found));
        var file = Path.Combine(Path.GetTempPath(), $"{jobId:N}.mp4");
        using var http = App.NewHttpClient();
        await File.WriteAllBytesAsync(file, await http.GetByteArrayAsync(link.Headers.Location));
        return file;
    }
}
