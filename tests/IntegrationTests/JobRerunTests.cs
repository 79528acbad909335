using Microsoft.EntityFrameworkCore;
using Vtis.IntegrationTests.Support;
using Vtis.ServiceModel.Credits;
using Vtis.ServiceModel.Jobs;

namespace Vtis.IntegrationTests;

/// <summary>GhostCut may call back again after a re-run, with a new result URL.</summary>
public sealed class JobRerunTests(Db db) : ApiTest(db)
{
    [Test]
    public async Task A_rerun_that_reports_a_new_result_replaces_the_output_without_charging_again()
    {
        var session = await App.RegisterAsync();
        var upload = await session.UploadAsync(await TestMedia.Mp4);
        var job = await session.Client.SendAsync(new SubmitJob { UploadId = upload.Id });
        Assert.That((await session.WaitForEndAsync(job.Id)).Status, Is.EqualTo(JobStatus.Completed));
        var work = await App.WithDatabaseAsync(d => d.Jobs.Where(j => j.Id == job.Id).Select(j => new { j.RemoteTaskId, j.CallbackToken }).SingleAsync());
        var rerunVideo = await TestMedia.Mov;
        await using var source = await SourceServer.StartAsync(new Dictionary<string, string> { ["rerun.mov"] = rerunVideo });
        var newUrl = new Uri(source.BaseAddress, "rerun.mov").ToString();
        var body = System.Text.Encoding.UTF8.GetBytes(
            "{\"id\":" + work.RemoteTaskId + ",\"idProject\":1,\"processStatus\":1,\"processProgress\":100,\"videoUrl\":\"" + newUrl + "\",\"errorDetail\":\"\"}");

        using (var http = App.NewHttpClient())
        using (var callback = new HttpRequestMessage(HttpMethod.Post, $"api/v1/ghostcut/callback/{work.CallbackToken}") { Content = new ByteArrayContent(body) })
        {
            callback.Headers.Add("Callback-Sign", GhostCut.GhostCutSignature.Sign(body, "test-secret"));
            using var answer = await http.SendAsync(callback);
            Assert.That((int)answer.StatusCode, Is.EqualTo(200));
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await App.WithDatabaseAsync(d => d.Jobs.Where(j => j.Id == job.Id).Select(j => j.RemoteResultUrl).SingleAsync()) != newUrl)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the re-run result was not taken");
            await Task.Delay(200);
        }

        using var link = await session.Client.SendForResponseAsync(new DownloadJob { Id = job.Id });
        using (var http = App.NewHttpClient())
            Assert.That((await http.GetByteArrayAsync(link.Headers.Location)).Length, Is.EqualTo(new FileInfo(rerunVideo).Length));
        Assert.That((await session.Client.SendAsync(new ListLedger())).Items.Count(e => e.Kind == "charge"), Is.EqualTo(1));
        await App.AssertLedgerInvariantsAsync(session);
    }
}
