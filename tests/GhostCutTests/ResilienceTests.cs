using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Vtis.GhostCut;
using Vtis.GhostCutTests.Support;

namespace Vtis.GhostCutTests;

public sealed class ResilienceTests : SimulatorTest
{
    [Test]
    public async Task Status_query_is_retried_through_two_http_500s()
    {
        Simulator.Behavior.FailWithHttpStatus(500, times: 2);
        using var host = NewClient();

        var works = await host.Client.GetWorksAsync([1], CancellationToken.None);

        Assert.That(works, Is.Empty);
        Assert.That(Simulator.CountRequests(GhostCutPaths.WorkStatus), Is.EqualTo(3));
    }

    [Test]
    public void Status_query_gives_up_after_the_configured_retries()
    {
        Simulator.Behavior.FailWithHttpStatus(503, times: 10);
        using var host = NewClient();

        var error = Assert.ThrowsAsync<GhostCutException>(() => host.Client.GetWorksAsync([1], CancellationToken.None))!;

        Assert.That((error.HttpStatus, error.IsTransient), Is.EqualTo((503, true)));
        Assert.That(Simulator.CountRequests(GhostCutPaths.WorkStatus), Is.EqualTo(4));
    }

    [Test]
    public void Submission_is_not_retried_after_an_http_500()
    {
        Simulator.Behavior.FailWithHttpStatus(500);
        using var host = NewClient();

        var error = Assert.ThrowsAsync<GhostCutException>(() => host.Client.SubmitAsync(
            new GhostCutWorkRequest { Urls = [GhostCutTestEnvironment.InputVideoUrl] }, CancellationToken.None))!;

        Assert.That((error.HttpStatus, error.IsTransient, error.OutcomeUnknown), Is.EqualTo((500, true, true)));
        Assert.That(Simulator.CountRequests(GhostCutPaths.CreateWork), Is.EqualTo(1));
    }

    [Test]
    public async Task Submission_that_hangs_past_the_timeout_is_not_retried_although_its_work_exists()
    {
        Simulator.Behavior.Hang(TimeSpan.FromSeconds(2));
        using var host = NewClient(timeout: TimeSpan.FromMilliseconds(500));

        var error = Assert.ThrowsAsync<GhostCutException>(() => host.Client.SubmitAsync(
            new GhostCutWorkRequest { Urls = [GhostCutTestEnvironment.InputVideoUrl] }, CancellationToken.None))!;

        Assert.That((error.IsTransient, error.OutcomeUnknown), Is.EqualTo((true, true)));
        await Eventually.UntilAsync(() => Simulator.FindWork(GhostCutTestEnvironment.FastSimulator.FirstWorkId), work => work is not null);
        Assert.That(Simulator.CountRequests(GhostCutPaths.CreateWork), Is.EqualTo(1));
    }

    [Test]
    public async Task Status_query_that_hangs_past_the_timeout_is_retried()
    {
        Simulator.Behavior.Hang(TimeSpan.FromSeconds(2));
        using var host = NewClient(timeout: TimeSpan.FromMilliseconds(500));

        var works = await host.Client.GetWorksAsync([1], CancellationToken.None);

        Assert.That(works, Is.Empty);
        Assert.That(Simulator.CountRequests(GhostCutPaths.WorkStatus), Is.EqualTo(2));
    }

    [Test]
    public void Submission_is_retried_while_the_connection_cannot_be_opened()
    {
        var attempts = new AttemptCounter();
        using var host = ClientHost.For($"http://127.0.0.1:{ClosedPort()}",
            configure: client => client.AddHttpMessageHandler(() => new CountingHandler(attempts)));

        var error = Assert.ThrowsAsync<GhostCutException>(() => host.Client.SubmitAsync(
            new GhostCutWorkRequest { Urls = [GhostCutTestEnvironment.InputVideoUrl] }, CancellationToken.None))!;

        Assert.That((error.IsTransient, error.OutcomeUnknown), Is.EqualTo((true, false)));
        Assert.That(attempts.Count, Is.EqualTo(4));
    }

    [Test]
    public void Caller_cancellation_is_not_reported_as_a_GhostCut_failure()
    {
        Simulator.Behavior.Hang(TimeSpan.FromSeconds(2));
        using var host = NewClient();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        Assert.That(() => host.Client.GetWorksAsync([1], cancel.Token), Throws.InstanceOf<OperationCanceledException>());
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class AttemptCounter
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Add() => Interlocked.Increment(ref _count);
    }

    /// <summary>Sits inside the resilience handler, so it sees every attempt.</summary>
    private sealed class CountingHandler(AttemptCounter attempts) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            attempts.Add();
            return base.SendAsync(request, cancellationToken);
        }
    }
}
