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
        for (var i = 0; i < 50 && !(text.Contains("vtis_jobs_finished", StringComparison.Ordinal) && text.Contains("vtis_ghostcut_jobs_finished", StringComparison.Ordinal)); i++)
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
