using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vtis.GhostCut;
using Vtis.GhostCutTests.Support;
using Vtis.TestSupport;

namespace Vtis.GhostCutTests;

/// <summary>The simulator is as strict as GhostCut, checked with hand-made HTTP requests.</summary>
public sealed class SimulatorProtocolTests : SimulatorTest
{
    private static readonly HttpClient Http = new();

    [Test]
    public async Task Anything_but_post_is_answered_2002()
    {
        var answer = await Http.GetStringAsync(new Uri(Simulator.BaseUrl + GhostCutPaths.WorkStatus));

        Assert.That(Code(answer), Is.EqualTo(GhostCutCodes.NotPost));
    }

    [Test]
    public async Task Missing_credentials_are_answered_2001_with_http_200_and_a_null_body()
    {
        using var response = await Http.PostAsync(new Uri(Simulator.BaseUrl + GhostCutPaths.WorkStatus), Json("{}"));
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That((int)answer["code"]!, Is.EqualTo(GhostCutCodes.MissingCredentials));
        Assert.That(answer.ContainsKey("body") && answer["body"] is null, Is.True);
    }

    [Test]
    public async Task Signature_is_checked_over_the_raw_bytes()
    {
        var signature = GhostCutSignature.Sign(Encoding.UTF8.GetBytes("""{"idWorks":[1]}"""), Simulator.Options.AppSecret);

        var answer = await PostAsync(GhostCutPaths.WorkStatus, """{"idWorks": [1]}""", signature);

        Assert.That(Code(answer), Is.EqualTo(GhostCutCodes.InvalidAppSign));
    }

    [Test]
    public async Task Works_are_found_by_batch_id()
    {
        var created = await PostAsync(GhostCutPaths.CreateWork,
            $$"""{"urls":["{{GhostCutTestEnvironment.InputVideoUrl}}?a","{{GhostCutTestEnvironment.InputVideoUrl}}?b"]}""");
        var idProject = JsonNode.Parse(created)!["body"]!["idProject"]!.GetValue<long>();

        var answer = await PostAsync(GhostCutPaths.WorkStatus, $$"""{"idProjects":[{{idProject}}]}""");
        var page = JsonSerializer.Deserialize<GhostCutEnvelope<GhostCutWorkPage>>(answer, GhostCutJson.Options)!.Body!;

        Assert.That(page.Content!.Select(work => work.Url![^1..]), Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public async Task Ids_are_numbers_unless_asked_for_strings()
    {
        var body = $$"""{"urls":["{{GhostCutTestEnvironment.InputVideoUrl}}"]}""";
        var asNumbers = JsonNode.Parse(await PostAsync(GhostCutPaths.CreateWork, body))!["body"]!;
        Simulator.Behavior.IdsAsStrings = true;
        var asStrings = JsonNode.Parse(await PostAsync(GhostCutPaths.CreateWork, body))!["body"]!;

        Assert.That(asNumbers["dataList"]![0]!["id"]!.GetValueKind(), Is.EqualTo(JsonValueKind.Number));
        Assert.That(asStrings["dataList"]![0]!["id"]!.GetValueKind(), Is.EqualTo(JsonValueKind.String));
        Assert.That(asStrings["idProject"]!.GetValueKind(), Is.EqualTo(JsonValueKind.String));
    }

    [TestCase("""{"urls":[]}""")]
    [TestCase("""{"names":["no urls"]}""")]
    [TestCase("""{"urls":["https://example.com/a.mp4"],"needChineseOcclude":2}""")]
    [TestCase("""{"urls":["https://example.com/a.mp4"],"videoInpaintMasks":"[{\"type\":\"remove\",\"region\":[[0,0]]}]"}""")]
    [TestCase("""{"urls":["https://example.com/a.mp4"],"extraOptions":"[1]"}""")]
    [TestCase("""{"urls":["https://example.com/a.mp4"],"callback":"/relative"}""")]
    public async Task Invalid_create_requests_are_answered_3001(string body)
    {
        Assert.That(Code(await PostAsync(GhostCutPaths.CreateWork, body)), Is.EqualTo(GhostCutCodes.DataProcessFailure));
    }

    [Test]
    public async Task Masked_work_is_rendered_over_its_boxes()
    {
        using var host = NewClient();
        var submission = await host.Client.SubmitAsync(new GhostCutWorkRequest
        {
            Urls = [GhostCutTestEnvironment.InputVideoUrl],
            NeedChineseOcclude = 2,
            VideoInpaintMasks = GhostCutMask.ToField([
                GhostCutMask.Box(GhostCutMaskType.Remove, 0.1, 0.1, 0.4, 0.3, start: 0, end: 1),
                GhostCutMask.Box(GhostCutMaskType.RemoveOnlyOcr, 0, 0.8, 1, 1),
                GhostCutMask.Box(GhostCutMaskType.Keep, 0.5, 0.5, 0.6, 0.6),
            ]),
        }, CancellationToken.None);

        var work = await FinishedAsync(submission.WorkIds[0]);

        Assert.That(work.IsSucceeded, Is.True, work.ErrorDetail);
    }

    [Test]
    public async Task Undecodable_input_fails_with_16()
    {
        using var host = NewClient();
        var submission = await host.Client.SubmitAsync(
            new GhostCutWorkRequest { Urls = [GhostCutTestEnvironment.CorruptVideoUrl] }, CancellationToken.None);

        var work = await FinishedAsync(submission.WorkIds[0]);

        Assert.That((work.ProcessStatus, work.ProcessProgress, work.VideoUrl), Is.EqualTo((16, 100d, "")));
        Assert.That(work.ErrorDetail, Is.Not.Empty);
    }

    [TestCase("missing", GhostCutFailures.DownloadFailed)]
    [TestCase("not-a-url", GhostCutFailures.UrlUnresolved)]
    public async Task Unreachable_input_fails_like_GhostCut(string input, int expected)
    {
        using var host = NewClient();
        var url = input == "missing" ? GhostCutTestEnvironment.MissingVideoUrl : input;
        var submission = await host.Client.SubmitAsync(new GhostCutWorkRequest { Urls = [url] }, CancellationToken.None);

        Assert.That((await FinishedAsync(submission.WorkIds[0])).ProcessStatus, Is.EqualTo(expected));
    }

    [Test]
    public async Task Scenario_fails_a_work_with_the_given_code_and_detail()
    {
        Simulator.Behavior.ForUrlContaining("?doomed", GhostCutWorkScenario.Fail(26, "resolution too small"));
        using var host = NewClient();
        var submission = await host.Client.SubmitAsync(new GhostCutWorkRequest
        {
            Urls = [GhostCutTestEnvironment.InputVideoUrl + "?fine", GhostCutTestEnvironment.InputVideoUrl + "?doomed"],
        }, CancellationToken.None);

        var doomed = await FinishedAsync(submission.WorkIds[1]);
        var fine = await FinishedAsync(submission.WorkIds[0]);

        Assert.That((doomed.ProcessStatus, doomed.ErrorDetail), Is.EqualTo((26, "resolution too small")));
        Assert.That(fine.IsSucceeded, Is.True);
    }

    [Test]
    public async Task Result_is_not_served_before_success()
    {
        using var response = await Http.GetAsync(new Uri($"{Simulator.BaseUrl}/results/{Simulator.Options.FirstWorkId}.mp4"));

        Assert.That((int)response.StatusCode, Is.EqualTo(404));
    }

    private Task<GhostCutWork> FinishedAsync(long workId) =>
        Eventually.UntilAsync(() => Simulator.FindWork(workId)!, work => !work.IsRunning);

    private async Task<string> PostAsync(string path, string body, string? signature = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Simulator.BaseUrl + path)) { Content = Json(body) };
        request.Headers.Add("AppKey", Simulator.Options.AppKey);
        request.Headers.Add("AppSign", signature ?? GhostCutSignature.Sign(Encoding.UTF8.GetBytes(body), Simulator.Options.AppSecret));
        using var response = await Http.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    private static ByteArrayContent Json(string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static int Code(string answer) => JsonNode.Parse(answer)!["code"]!.GetValue<int>();
}
