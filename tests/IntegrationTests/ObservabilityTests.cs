using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Vtis.IntegrationTests.Support;
using Vtis.ServiceModel.Jobs;

namespace Vtis.IntegrationTests;

/// <summary>/metrics (Prometheus, from OpenTelemetry) with the service's own figures, who may read it, JSON logs.</summary>
public sealed class ObservabilityTests(Db db) : ApiTest(db)
{
    [Test]
    public async Task Metrics_are_scraped_from_loopback_with_jobs_and_http_figures()
    {
        var session = await App.RegisterAsync();
        var upload = await session.UploadAsync(await TestMedia.Mp4);
        var job = await session.Client.SendAsync(new SubmitJob { UploadId = upload.Id });
        Assert.That((await session.WaitForEndAsync(job.Id)).Status, Is.EqualTo(JobStatus.Completed));

        using var http = App.NewHttpClient();
        string text = "";
        for (var i = 0; i < 50 && !(text.Contains("vtis_jobs_finished", StringComparison.Ordinal) && text.Contains("vtis_ghostcut_jobs_finished", StringComparison.Ordinal)
                                    && text.Contains("vtis_queue_waiting", StringComparison.Ordinal)); i++)
        {
            using var response = await http.GetAsync("metrics");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain").Or.EqualTo("application/openmetrics-text"));
            text = await response.Content.ReadAsStringAsync();
            await Task.Delay(200); // the exporter caches a scrape briefly
        }

        Assert.That(text, Does.Match(@"vtis_jobs_finished\w*\{[^}]*status=""completed""[^}]*\} [1-9]"));
        Assert.That(text, Does.Contain("vtis_jobs_processing_time"));
        Assert.That(text, Does.Contain("vtis_credits_used"));
        Assert.That(text, Does.Match(@"vtis_ghostcut_request_duration_seconds_count\{[^}]*operation=""create"",outcome=""ok""[^}]*\} [1-9]"), "GhostCut latency");
        Assert.That(text, Does.Match(@"vtis_ghostcut_jobs_finished\w*\{[^}]*status=""completed"",via=""(callback|poll)""[^}]*\} [1-9]|vtis_ghostcut_jobs_finished\w*\{[^}]*via=""(callback|poll)""[^}]*\} [1-9]"), "callback vs poll");
        Assert.That(text, Does.Contain("http_server_request_duration_seconds"), "ASP.NET Core instrumentation");
        foreach (var state in new[] { "enqueued", "scheduled", "processing", "failed" })
            Assert.That(text, Does.Match($@"vtis_queue_messages\w*\{{[^}}]*state=""{state}""[^}}]*\}} \d"), $"queue depth: {state}");
        Assert.That(text, Does.Match(@"vtis_queue_waiting\w*\{[^}]*queue=""engine""[^}]*\} \d"));
        Assert.That(text, Does.Match(@"vtis_queue_waiting\w*\{[^}]*queue=""default""[^}]*\} \d"));
        Assert.That(text, Does.Match(@"vtis_queue_workers\w*(\{[^}]*\})? [1-9]"), "a worker process is connected (the test apps run one each)");
        if (Db == Db.Postgres)
            Assert.That(text, Does.Match(@"db_client_operation_duration_seconds_count\{[^}]*\} [1-9]"), "Npgsql's metrics");
    }

    [Test]
    public async Task A_submit_and_the_workers_run_of_it_are_one_trace()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "Vtis.Queue" or "Vtis.Tests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var source = new ActivitySource("Vtis.Tests");
        var session = await App.RegisterAsync();
        var upload = await session.UploadAsync(await TestMedia.Mp4);

        JobInfo job;
        ActivityTraceId trace;
        using (var root = source.StartActivity("test: submit"))
        {
            trace = root!.TraceId; // the test's HttpClient sends it as traceparent
            job = await session.Client.SendAsync(new SubmitJob { UploadId = upload.Id });
        }

        Assert.That((await session.WaitForEndAsync(job.Id)).Status, Is.EqualTo(JobStatus.Completed));
        Activity? Run() => stopped.LastOrDefault(a => a.TraceId == trace && a.Kind == ActivityKind.Consumer && a.DisplayName == "JobRunner.RunAsync");
        for (var i = 0; i < 50 && Run() is null; i++) await Task.Delay(100); // the run's span ends just after the job does

        var enqueue = stopped.SingleOrDefault(a => a.TraceId == trace && a.Kind == ActivityKind.Producer && a.DisplayName == "enqueue JobRunner.RunAsync");
        Assert.That(enqueue, Is.Not.Null, "the submit's enqueue is a span of the request's trace");
        var run = Run();
        Assert.That(run, Is.Not.Null, "the worker's run continues the trace");
        Assert.That(run!.ParentSpanId, Is.EqualTo(enqueue!.SpanId), "the run is the enqueue's child");
        Assert.That(run.GetTagItem("messaging.system"), Is.EqualTo("hangfire"));
        Assert.That(run.GetTagItem("messaging.destination.name"), Is.EqualTo("default").Or.EqualTo("engine"));
        Assert.That(run.Status, Is.Not.EqualTo(ActivityStatusCode.Error));
    }

    [Test]
    public async Task Outside_the_allowed_networks_only_admins_read_metrics_and_logs_are_json()
    {
        await using var app = await TestApp.StartAsync(Db, new Dictionary<string, string?>
        {
            ["Telemetry:MetricsAllowedNetworks:0"] = "10.0.0.0/8",
            ["Telemetry:LogFormat"] = "json",
        });
        using var http = app.NewHttpClient();
        using (var anonymous = await http.GetAsync("metrics"))
            Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        var user = await app.RegisterAsync();
        using (var plain = new HttpRequestMessage(HttpMethod.Get, "metrics"))
        {
            plain.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.Tokens.AccessToken);
            using var refused = await http.SendAsync(plain);
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        }

        var admin = await app.NewClient().SendAsync(new Vtis.ServiceModel.Auth.Login { Email = TestApp.AdminEmail, Password = TestApp.AdminPassword });
        using (var asAdmin = new HttpRequestMessage(HttpMethod.Get, "metrics"))
        {
            asAdmin.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin.AccessToken);
            using var allowed = await http.SendAsync(asAdmin);
            Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var console = app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        Assert.That(console.FormatterName, Is.EqualTo(ConsoleFormatterNames.Json));
        var json = app.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue;
        Assert.That(json.IncludeScopes, Is.True, "correlation and job ids ride on scopes");
    }

    [Test]
    public async Task Forwarded_addresses_count_only_from_trusted_proxies()
    {
        // The default app trusts no proxy: a client claiming another address is still the loopback scraper it is.
        Assert.That(await MetricsStatusAsync(App, forwardedFor: "203.0.113.9"), Is.EqualTo(HttpStatusCode.OK));

        // Behind a trusted proxy (loopback here), the proxy's last hop is the client: a public one may not scrape.
        await using var proxied = await TestApp.StartAsync(Db, new Dictionary<string, string?> { ["App:TrustedProxies:0"] = "127.0.0.1" });
        Assert.That(await MetricsStatusAsync(proxied, forwardedFor: "203.0.113.9"), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await MetricsStatusAsync(proxied, forwardedFor: "127.0.0.1, 203.0.113.9"), Is.EqualTo(HttpStatusCode.Unauthorized),
            "only the hop the proxy appended counts, not what the client wrote before it");
        Assert.That(await MetricsStatusAsync(proxied, forwardedFor: "127.0.0.1"), Is.EqualTo(HttpStatusCode.OK));
    }

    private static async Task<HttpStatusCode> MetricsStatusAsync(TestApp app, string forwardedFor)
    {
        using var http = app.NewHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "metrics");
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
