using System.Text.Json;
using Vtis.GhostCut;
using Vtis.GhostCutTests.Support;
using Vtis.TestSupport;

namespace Vtis.GhostCutTests;

public sealed class CallbackTests : SimulatorTest
{
    // NUnit shares one fixture instance between its tests: each test gets its own callback tag.
    private string _tag = "";

    private static AppStub Stub => GhostCutTestEnvironment.Stub;

    [SetUp]
    public void UseNewCallbackTag() => _tag = Guid.NewGuid().ToString("N");

    [Test]
    public async Task Final_state_is_called_back_signed_over_the_raw_body()
    {
        var workId = await SubmitAsync();

        var callback = (await Eventually.UntilAsync(() => Stub.Received(_tag), received => received.Count == 1)).Single();
        var work = JsonSerializer.Deserialize<GhostCutWork>(callback.Body, GhostCutJson.Options)!;

        Assert.That(GhostCutSignature.Verify(callback.Body, callback.Signature, Simulator.Options.AppSecret), Is.True);
        Assert.That((work.Id, work.IsSucceeded), Is.EqualTo((workId, true)));
        Assert.That(work.VideoUrl, Does.EndWith($"/results/{workId}.mp4"));
    }

    [Test]
    public async Task Failed_work_is_called_back_with_its_code()
    {
        Simulator.Behavior.ForNextWork(GhostCutWorkScenario.Fail(GhostCutFailures.OutOfPoints, "insufficient points"));
        await SubmitAsync();

        var callback = (await Eventually.UntilAsync(() => Stub.Received(_tag), received => received.Count == 1)).Single();
        var work = JsonSerializer.Deserialize<GhostCutWork>(callback.Body, GhostCutJson.Options)!;

        Assert.That((work.ProcessStatus, work.ProcessProgress, work.ErrorDetail), Is.EqualTo((73, 100d, "insufficient points")));
        Assert.That(GhostCutFailures.Describe(work.ProcessStatus, work.ErrorDetail).IsOperatorProblem, Is.True);
    }

    [Test]
    public async Task Duplicate_callbacks_are_sent_when_asked()
    {
        Simulator.Behavior.ForNextWork(new GhostCutWorkScenario { CallbackCopies = 2 });
        var workId = await SubmitAsync();

        var received = await Eventually.UntilAsync(() => Stub.Received(_tag), callbacks => callbacks.Count == 2);

        Assert.That(received.Select(callback => callback.Verified), Is.All.True);
        Assert.That(Simulator.CallbackAttempts.Where(attempt => attempt.WorkId == workId), Has.All.Matches<GhostCutCallbackAttempt>(a => a.Accepted));
    }

    [Test]
    public async Task Callback_with_a_bad_signature_is_refused_and_retried_a_bounded_number_of_times()
    {
        Simulator.Behavior.ForNextWork(new GhostCutWorkScenario { BadCallbackSignature = true });
        await SubmitAsync();

        var attempts = await Eventually.UntilAsync(() => Simulator.CallbackAttempts, all => all.Count == Simulator.Options.MaxCallbackAttempts);
        await Task.Delay(Simulator.Options.CallbackRetryInterval * 3);

        Assert.That(Simulator.CallbackAttempts, Has.Count.EqualTo(Simulator.Options.MaxCallbackAttempts));
        Assert.That(attempts.Select(attempt => (attempt.HttpStatus, attempt.Accepted)), Is.All.EqualTo((403, false)));
        Assert.That(Stub.Received(_tag).Select(callback => callback.Verified), Is.All.False);
    }

    [Test]
    public async Task Callback_is_retried_until_answered_200_with_a_body()
    {
        Stub.AnswerNext(_tag, (500, "busy"), (200, ""));
        await SubmitAsync();

        var attempts = await Eventually.UntilAsync(() => Simulator.CallbackAttempts, all => all.Count == 3);

        Assert.That(attempts.Select(attempt => (attempt.Attempt, attempt.HttpStatus, attempt.Accepted)),
            Is.EqualTo(new (int, int?, bool)[] { (1, 500, false), (2, 200, false), (3, 200, true) }));
    }

    [Test]
    public async Task Work_without_callback_scenario_is_never_called_back()
    {
        Simulator.Behavior.ForNextWork(new GhostCutWorkScenario { NoCallback = true });
        var workId = await SubmitAsync();

        await Eventually.UntilAsync(() => Simulator.FindWork(workId)!, work => work.IsSucceeded);
        await Task.Delay(Simulator.Options.CallbackRetryInterval * 3);

        Assert.That(Simulator.CallbackAttempts, Is.Empty);
    }

    [Test]
    public async Task Late_callback_arrives_after_the_work_is_already_done()
    {
        Simulator.Behavior.ForNextWork(new GhostCutWorkScenario { CallbackDelay = TimeSpan.FromSeconds(1) });
        var workId = await SubmitAsync();

        await Eventually.UntilAsync(() => Simulator.FindWork(workId)!, work => work.IsSucceeded);
        Assert.That(Stub.Received(_tag), Is.Empty);

        await Eventually.UntilAsync(() => Stub.Received(_tag), received => received.Count == 1);
    }

    private async Task<long> SubmitAsync()
    {
        using var host = NewClient();
        var submission = await host.Client.SubmitAsync(new GhostCutWorkRequest
        {
            Urls = [GhostCutTestEnvironment.InputVideoUrl],
            Callback = Stub.CallbackUrl(_tag),
        }, CancellationToken.None);
        return submission.WorkIds.Single();
    }
}
