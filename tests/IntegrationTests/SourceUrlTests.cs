using Vtis.Client;
using Vtis.IntegrationTests.Support;
using Vtis.ServiceModel.Credits;
using Vtis.ServiceModel.Jobs;

namespace Vtis.IntegrationTests;

/// <summary>Jobs from a URL: fetched into storage through the SSRF guard, then priced and run like uploads.</summary>
public sealed class SourceUrlTests(Db db) : ApiTest(db)
{
    private SourceServer _source = null!;

    [OneTimeSetUp]
    public async Task StartSource() =>
        _source = await SourceServer.StartAsync(new Dictionary<string, string> { ["clip.mp4"] = await TestMedia.Mp4 });

    [OneTimeTearDown]
    public async Task StopSource() => await _source.DisposeAsync();

    [Test]
    public async Task A_job_from_a_url_is_imported_priced_and_completed()
    {
        var session = await App.RegisterAsync();
        var url = new Uri(_source.BaseAddress, "clip.mp4").ToString();

        var job = await session.Client.SendAsync(new SubmitJob { SourceUrl = url }, "from-url-1");
        var again = await session.Client.SendAsync(new SubmitJob { SourceUrl = url }, "from-url-1");

        Assert.That(again.Id, Is.EqualTo(job.Id), "the idempotency key answers the same job without fetching again");
        Assert.That(job.OriginalFilename, Is.EqualTo("clip.mp4"));
        Assert.That(job.Input!.DurationSeconds, Is.InRange(2.9, 3.1));
        Assert.That((await session.WaitForEndAsync(job.Id)).Status, Is.EqualTo(JobStatus.Completed));
        await App.AssertLedgerInvariantsAsync(session);
    }

    [TestCase("http://10.0.0.1/video.mp4")]
    [TestCase("http://169.254.169.254/latest/meta-data/")]
    [TestCase("http://[::1]/video.mp4")]
    [TestCase("http://192.168.1.20/video.mp4")]
    [TestCase("ftp://example.com/video.mp4")]
    public async Task Private_metadata_and_non_http_urls_are_refused_without_a_charge(string url)
    {
        var session = await App.RegisterAsync();
        var error = Assert.ThrowsAsync<ApiException>(() => session.Client.SendAsync(new SubmitJob { SourceUrl = url }));
        Assert.That(error!.Status, Is.EqualTo(400));
        Assert.That(error.Errors.Keys, Does.Contain("sourceUrl"));
        Assert.That((await session.Client.SendAsync(new GetCredits())).Available, Is.EqualTo(10));
    }

    [TestCase("missing.mp4")]
    [TestCase("redirect/clip.mp4")]
    public async Task A_url_that_does_not_answer_with_the_video_is_422(string path)
    {
        var session = await App.RegisterAsync();
        var error = Assert.ThrowsAsync<ApiException>(() =>
            session.Client.SendAsync(new SubmitJob { SourceUrl = new Uri(_source.BaseAddress, path).ToString() }));
        Assert.That(error!.Status, Is.EqualTo(422));
        Assert.That(error.Type, Is.EqualTo("/problems/source-unreachable"));
    }
}
