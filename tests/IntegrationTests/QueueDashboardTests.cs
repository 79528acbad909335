using System.Net;
using Vtis.IntegrationTests.Support;
using Vtis.ServiceModel.Auth;

namespace Vtis.IntegrationTests;

/// <summary>Hangfire's dashboard at /admin/queue: admins only, by the access token in a cookie scoped to its path.</summary>
public sealed class QueueDashboardTests(Db db) : ApiTest(db)
{
    private async Task<HttpResponseMessage> OpenAsync(string? token, string path = "admin/queue")
    {
        var handler = new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = App.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null) request.Headers.Add("Cookie", $"vtis_queue={token}");
        return await http.SendAsync(request);
    }

    [Test]
    public async Task Admins_get_the_dashboard()
    {
        var admin = await App.NewClient().SendAsync(new Login { Email = TestApp.AdminEmail, Password = TestApp.AdminPassword });
        using var response = await OpenAsync(admin.AccessToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var html = await response.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("Queue · Video Text Inpainting Service").And.Contain("/admin/system"));

        using var stats = await OpenAsync(admin.AccessToken, "admin/queue/jobs/enqueued");
        Assert.That(stats.StatusCode, Is.EqualTo(HttpStatusCode.OK), "pages under the dashboard use the same cookie");
    }

    [Test]
    public async Task Everyone_else_is_refused()
    {
        using (var anonymous = await OpenAsync(null))
            Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        var user = await App.RegisterAsync();
        using (var plain = await OpenAsync(user.Tokens.AccessToken))
            Assert.That(plain.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        var admin = await App.NewClient().SendAsync(new Login { Email = TestApp.AdminEmail, Password = TestApp.AdminPassword });
        var forged = admin.AccessToken[..^4] + (admin.AccessToken.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        using (var tampered = await OpenAsync(forged))
            Assert.That(tampered.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        // The cookie opens the dashboard and nothing else: the API still wants its Authorization header.
        using var api = await OpenAsync(admin.AccessToken, "api/v1/auth/me");
        Assert.That(api.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
