using System.Text.Json;
using Vtis.GhostCut;
using Vtis.GhostCutTests.Support;
using Vtis.TestSupport;

namespace Vtis.GhostCutTests;

public sealed class ClientTests : SimulatorTest
{
    [Test]
    public async Task Submitted_work_runs_to_success_with_a_real_output_video()
    {
        using var host = NewClient();
        var submission = await host.Client.SubmitAsync(
            new GhostCutWorkRequest { Urls = [GhostCutTestEnvironment.InputVideoUrl], Names = ["input"] }, CancellationToken.None);
        var workId = submission.WorkIds.Single();

        var seen = new List<GhostCutWork>();
        var final = await Eventually.UntilAsync(async () =>
        {
            var work = (await host.Client.GetWorksAsync([workId], CancellationToken.None)).Single();
            seen.Add(work);
            return work;
        }, work => !work.IsRunning);

        Assert.That(final.IsSucceeded, Is.True, final.ErrorDetail);
        Assert.That(seen.Select(work => work.ProcessStatus).Distinct(), Is.EqualTo(new[] { -1, 0, 1 }));
        Assert.That(seen.Select(work => work.ProcessProgress), Is.Ordered);
        Assert.That((final.IdProject, final.Name, final.ProcessProgress), Is.EqualTo((submission.IdProject, "input", 100d)));
        Assert.That(final.Duration, Is.EqualTo(2).Within(0.2));
        await AssertIsVideoAsync(final.VideoUrl!);
    }

    [Test]
    public async Task Submission_returns_work_ids_in_url_order()
    {
        using var host = NewClient();
        string[] urls = [GhostCutTestEnvironment.InputVideoUrl + "?first", GhostCutTestEnvironment.InputVideoUrl + "?second"];

        var submission = await host.Client.SubmitAsync(new GhostCutWorkRequest { Urls = urls }, CancellationToken.None);

        Assert.That(submission.WorkIds.Select(id => Simulator.FindWork(id)!.Url), Is.EqualTo(urls));
        Assert.That(submission.WorkIds, Is.Ordered.And.Unique);
    }

    [Test]
    public async Task Status_of_unknown_ids_is_empty()
    {
        using var host = NewClient();

        Assert.That(await host.Client.GetWorksAsync([1, 2], CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task Ids_sent_as_strings_are_read_as_numbers()
    {
        Simulator.Behavior.IdsAsStrings = true;
        using var host = NewClient();

        var submission = await host.Client.SubmitAsync(
            new GhostCutWorkRequest { Urls = [GhostCutTestEnvironment.InputVideoUrl] }, CancellationToken.None);
        var work = (await host.Client.GetWorksAsync(submission.WorkIds, CancellationToken.None)).Single();

        Assert.That(Simulator.Requests, Is.Not.Empty);
        Assert.That((work.Id, work.IdProject), Is.EqualTo((submission.WorkIds[0], submission.IdProject)));
        Assert.That(submission.IdProject, Is.EqualTo(GhostCutTestEnvironment.FastSimulator.FirstProjectId));
    }

    [Test]
    public void Wrong_secret_is_rejected_with_2004_and_is_not_transient()
    {
        using var host = NewClient(appSecret: "wrong-secret");

        var error = Assert.ThrowsAsync<GhostCutException>(() => host.Client.GetWorksAsync([1], CancellationToken.None))!;

        Assert.That((error.Code, error.IsTransient, error.OutcomeUnknown), Is.EqualTo((2004, false, false)));
        Assert.That(error.Trace, Has.Length.EqualTo(32));
    }

    [Test]
    public void Unknown_key_is_rejected_with_2003()
    {
        using var host = NewClient(appKey: "someone-else");

        var error = Assert.ThrowsAsync<GhostCutException>(() => host.Client.GetWorksAsync([1], CancellationToken.None))!;

        Assert.That(error.Code, Is.EqualTo(2003));
    }

    [Test]
    public void Rate_limit_3006_is_transient_and_the_submission_is_not_repeated()
    {
        Simulator.Behavior.FailWithCode(GhostCutCodes.DataProcessLimit);
        using var host = NewClient();

        var error = Assert.ThrowsAsync<GhostCutException>(() => host.Client.SubmitAsync(
            new GhostCutWorkRequest { Urls = [GhostCutTestEnvironment.InputVideoUrl] }, CancellationToken.None))!;

        Assert.That((error.Code, error.IsTransient, error.OutcomeUnknown), Is.EqualTo((3006, true, false)));
        Assert.That(Simulator.CountRequests(GhostCutPaths.CreateWork), Is.EqualTo(1));
    }

    [Test]
    public void Unconfigured_client_refuses_to_call()
    {
        using var host = NewClient(appSecret: null);

        Assert.ThrowsAsync<InvalidOperationException>(() => host.Client.GetWorksAsync([1], CancellationToken.None));
        Assert.That(Simulator.Requests, Is.Empty);
    }

    [Test]
    public void Submission_needs_one_to_twenty_urls()
    {
        using var host = NewClient();

        Assert.ThrowsAsync<ArgumentException>(() => host.Client.SubmitAsync(new GhostCutWorkRequest { Urls = [] }, CancellationToken.None));
        Assert.ThrowsAsync<ArgumentException>(() => host.Client.SubmitAsync(
            new GhostCutWorkRequest { Urls = [.. Enumerable.Repeat(GhostCutTestEnvironment.InputVideoUrl, 21)] }, CancellationToken.None));
    }

    [Test]
    public async Task Configured_uid_is_sent_when_the_request_names_none()
    {
        using var host = ClientHost.For(Simulator.BaseUrl, uid: "configured");
        await host.Client.SubmitAsync(new GhostCutWorkRequest { Urls = [GhostCutTestEnvironment.InputVideoUrl] }, CancellationToken.None);
        await host.Client.SubmitAsync(
            new GhostCutWorkRequest { Urls = [GhostCutTestEnvironment.InputVideoUrl], Uid = "own" }, CancellationToken.None);

        var sent = Simulator.Requests.Select(request => JsonSerializer.Deserialize<GhostCutWorkRequest>(request.Body, GhostCutJson.Options)!.Uid);
        Assert.That(sent, Is.EqualTo(new[] { "configured", "own" }));
    }

    private static async Task AssertIsVideoAsync(string url)
    {
        using var http = new HttpClient();
        var path = Path.Combine(Path.GetTempPath(), $"ghostcut-result-{Guid.NewGuid():N}.mp4");
        try
        {
            await File.WriteAllBytesAsync(path, await http.GetByteArrayAsync(new Uri(url)));
            Assert.That(await ExternalTool.CodecsAsync(path), Is.EqualTo(new[] { "h264", "aac" }));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
