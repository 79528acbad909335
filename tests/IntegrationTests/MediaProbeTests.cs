using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vtis.IntegrationTests.Support;
using Vtis.ServiceInterface.Media;

namespace Vtis.IntegrationTests;

/// <summary>
/// Real ffprobe against a loopback server: a video that cannot be read because its storage failed (5xx, connection
/// refused) is "unavailable", to be tried again, never "rejected" (which deletes its bytes and fails its job); a bad
/// file behind a working URL is still rejected.
/// </summary>
public sealed class MediaProbeTests
{
    private WebApplication _server = null!;
    private string _base = "";
    private readonly MediaProbe _probe = new(NullLogger<MediaProbe>.Instance);

    [OneTimeSetUp]
    public async Task StartServer()
    {
        var video = await TestMedia.Mp4;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.MapGet("/video.mp4", () => Results.File(video, "video/mp4", enableRangeProcessing: true));
        _server.MapGet("/busy.mp4", () => Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        _server.MapGet("/notes.mp4", () => Results.Text("These are meeting notes, not a video.", "video/mp4"));
        _server.MapGet("/missing.mp4", () => Results.NotFound());
        await _server.StartAsync();
        _base = _server.Urls.First();
    }

    [OneTimeTearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [Test]
    public async Task A_video_behind_a_working_url_is_read()
    {
        var facts = await _probe.ProbeAsync($"{_base}/video.mp4", CancellationToken.None);
        Assert.That((facts.Width, facts.Height), Is.EqualTo((320, 240)));
    }

    [Test]
    public void A_storage_that_answers_503_makes_the_video_unavailable_not_rejected() =>
        Assert.ThrowsAsync<MediaUnavailableException>(() => _probe.ProbeAsync($"{_base}/busy.mp4", CancellationToken.None));

    [Test]
    public void A_storage_that_refuses_connections_makes_the_video_unavailable() =>
        Assert.ThrowsAsync<MediaUnavailableException>(() => _probe.ProbeAsync($"http://127.0.0.1:{Loopback.FreePort()}/video.mp4", CancellationToken.None));

    [Test]
    public void Bad_bytes_or_a_missing_object_behind_a_working_url_are_rejected()
    {
        Assert.ThrowsAsync<MediaRejectedException>(() => _probe.ProbeAsync($"{_base}/notes.mp4", CancellationToken.None));
        Assert.ThrowsAsync<MediaRejectedException>(() => _probe.ProbeAsync($"{_base}/missing.mp4", CancellationToken.None));
    }

    [Test]
    public void A_local_file_that_is_not_a_video_is_rejected() =>
        Assert.ThrowsAsync<MediaRejectedException>(() => _probe.ProbeAsync(TestMedia.TextRenamedMp4(), CancellationToken.None));
}
