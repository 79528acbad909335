using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Vtis.IntegrationTests.Support;

namespace Vtis.IntegrationTests;

/// <summary>Bad input always gets an RFC 7807 answer with the right status, never a 500 or an empty body.</summary>
public sealed class ErrorTests(Db db) : ApiTest(db)
{
    [Test]
    public async Task Malformed_json_is_400_problem()
    {
        using var http = App.NewHttpClient();
        using var response = await http.PostAsync("api/v1/auth/login",
            new StringContent("{\"email\": \"a@b.c\", ", Encoding.UTF8, "application/json"));

        var problem = await ProblemOf(response, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("type").GetString(), Is.EqualTo("/problems/malformed-request"));
    }

    [Test]
    public async Task Wrongly_typed_json_is_400_problem()
    {
        using var http = App.NewHttpClient();
        using var response = await http.PostAsync("api/v1/auth/login",
            new StringContent("{\"email\": 42, \"password\": []}", Encoding.UTF8, "application/json"));
        await ProblemOf(response, HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Oversize_body_is_413_problem()
    {
        using var http = App.NewHttpClient();
        var huge = new string('x', 2 * 1024 * 1024);
        using var response = await http.PostAsJsonAsync("api/v1/auth/login", new { email = "a@b.c", password = huge });
        var problem = await ProblemOf(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.That(problem.GetProperty("type").GetString(), Is.EqualTo("/problems/payload-too-large"));
    }

    [Test]
    public async Task Wrong_content_type_is_415_problem()
    {
        using var http = App.NewHttpClient();
        using var response = await http.PostAsync("api/v1/auth/login", new StringContent("email=a", Encoding.UTF8, "text/plain"));
        await ProblemOf(response, HttpStatusCode.UnsupportedMediaType);
    }

    [TestCase("GET", "api/v1/no-such-thing")]
    [TestCase("POST", "api/v1/jobs/x/y/z")]
    [TestCase("GET", "api/nothing-here")]
    public async Task Unknown_api_routes_are_404_problem(string verb, string path)
    {
        using var http = App.NewHttpClient();
        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(verb), path));
        await ProblemOf(response, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Wrong_verb_is_405_problem()
    {
        using var http = App.NewHttpClient();
        using var response = await http.DeleteAsync("api/v1/auth/login");
        await ProblemOf(response, HttpStatusCode.MethodNotAllowed);
    }

    [TestCase("jobs/42")]
    [TestCase("billing")]
    [TestCase("admin/resources/users")]
    public async Task Browser_routes_get_the_web_app_page(string path)
    {
        using var http = App.NewHttpClient();
        using var response = await http.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("<title>Video Text Inpainting Service</title>"));
    }

    [TestCase("POST", "jobs/42")]
    [TestCase("GET", "hubs/nothing")]
    [TestCase("GET", "health/nothing")]
    [TestCase("GET", "missing.js")]
    public async Task The_web_app_page_never_answers_for_server_paths_or_files(string verb, string path)
    {
        using var http = App.NewHttpClient();
        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(verb), path));
        await ProblemOf(response, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Every_response_carries_a_correlation_id_and_echoes_a_safe_one()
    {
        using var http = App.NewHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/auth/me");
        request.Headers.Add("X-Correlation-Id", "client-chosen-id-123");
        using var response = await http.SendAsync(request);
        Assert.That(response.Headers.GetValues("X-Correlation-Id").Single(), Is.EqualTo("client-chosen-id-123"));
        var problem = await ProblemOf(response, HttpStatusCode.Unauthorized);
        Assert.That(problem.GetProperty("correlationId").GetString(), Is.EqualTo("client-chosen-id-123"));

        using var hostile = new HttpRequestMessage(HttpMethod.Get, "health");
        hostile.Headers.Add("X-Correlation-Id", "bad id\twith spaces");
        using var answered = await http.SendAsync(hostile);
        Assert.That(answered.Headers.GetValues("X-Correlation-Id").Single(), Does.Match("^[0-9a-f]{32}$"));
    }

    private static async Task<JsonElement> ProblemOf(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.That(response.StatusCode, Is.EqualTo(expected));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo((int)expected));
        Assert.That(problem.GetProperty("title").GetString(), Is.Not.Empty);
        Assert.That(problem.ToString(), Does.Not.Contain("   at "), "no stack traces");
        return problem;
    }
}
