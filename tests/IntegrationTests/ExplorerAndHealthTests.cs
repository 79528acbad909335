using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Vtis.AppHost.Operations;
using Vtis.IntegrationTests.Support;
using Vtis.ServiceInterface;

namespace Vtis.IntegrationTests;

public sealed partial class ExplorerAndHealthTests(Db db) : ApiTest(db)
{
    [Test]
    public async Task OpenApi_document_describes_every_operation_with_auth_and_errors()
    {
        using var http = App.NewHttpClient();
        var doc = await http.GetFromJsonAsync<JsonElement>("openapi/v1.json");

        Assert.That(doc.GetProperty("openapi").GetString(), Does.StartWith("3.1"));
        var schemes = doc.GetProperty("components").GetProperty("securitySchemes");
        Assert.That(schemes.TryGetProperty("Bearer", out _) && schemes.TryGetProperty("ApiKey", out _), Is.True);

        var operations = OperationCatalog.Discover(ServiceInterfaceRegistration.ContractAssembly);
        Assert.That(operations, Has.Count.GreaterThanOrEqualTo(10));
        foreach (var op in operations)
        {
            var path = doc.GetProperty("paths").GetProperty(op.Path);
            var described = path.GetProperty(op.Verb.ToLowerInvariant());
            Assert.That(described.GetProperty("operationId").GetString(), Is.EqualTo(op.Name));
            var responses = described.GetProperty("responses");
            Assert.That(responses.TryGetProperty(op.SuccessStatus.ToString(System.Globalization.CultureInfo.InvariantCulture), out _), Is.True, op.Name);
            Assert.That(responses.TryGetProperty("400", out _), Is.True, $"{op.Name} documents validation errors");
            Assert.That(described.TryGetProperty("security", out _), Is.EqualTo(!op.Anonymous), $"{op.Name} security");
            if (!op.Anonymous) Assert.That(responses.TryGetProperty("401", out _), Is.True, op.Name);
            if (op.Roles.Count > 0) Assert.That(responses.TryGetProperty("403", out _), Is.True, op.Name);
        }

        // Route values are parameters even where the DTO is the body, so generated clients can fill the path.
        var cancel = doc.GetProperty("paths").GetProperty("/api/v1/jobs/{id}/cancel").GetProperty("post");
        var parameter = cancel.GetProperty("parameters").EnumerateArray().Single();
        Assert.That((parameter.GetProperty("name").GetString(), parameter.GetProperty("in").GetString(), parameter.GetProperty("required").GetBoolean()),
            Is.EqualTo(("id", "path", true)));
        Assert.That(cancel.GetProperty("parameters")[0].GetProperty("schema").GetProperty("format").GetString(), Is.EqualTo("uuid"));

        var register = doc.GetProperty("paths").GetProperty("/api/v1/auth/register").GetProperty("post");
        Assert.That(register.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _), Is.True);
    }

    [Test]
    public async Task Api_explorer_is_served_fully_offline()
    {
        using var http = App.NewHttpClient();
        var html = await http.GetStringAsync("api/");
        Assert.That(html, Does.Contain("scalar.js"));
        Assert.That(ExternalReference().Matches(html), Is.Empty, "no scripts, styles or fonts from other hosts");

        using var script = await http.GetAsync("api/scalar.js");
        Assert.That(script.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(script.Content.Headers.ContentLength ?? (await script.Content.ReadAsByteArrayAsync()).Length, Is.GreaterThan(100_000));
    }

    [Test]
    public async Task Health_is_live_and_ready_checks_database_redis_storage_and_the_engine_model()
    {
        using var http = App.NewHttpClient();
        var live = await http.GetFromJsonAsync<JsonElement>("health");
        Assert.That(live.GetProperty("status").GetString(), Is.EqualTo("Healthy"));

        var ready = await http.GetFromJsonAsync<JsonElement>("health/ready");
        Assert.That(ready.GetProperty("status").GetString(), Is.EqualTo("Healthy"));
        var entries = ready.GetProperty("entries");
        foreach (var name in new[] { "database", "redis", "storage", "engine" })
            Assert.That(entries.GetProperty(name).GetProperty("status").GetString(), Is.EqualTo("Healthy"), name);
        Assert.That(entries.GetProperty("database").GetProperty("description").GetString(),
            Does.Contain(Db == Db.Postgres ? "Npgsql" : "Sqlite"));
    }

    // src/href/url(...) pointing at another host; the document itself may mention URLs in text.
    /// <summary>The web app's types come from this document (wwwroot/src/api/schema.d.ts, checked in). Regenerating them
    /// from what the app serves now must change nothing; when it does, run <c>bash scripts/api-types.sh</c>.</summary>
    [Test]
    public async Task The_web_apps_generated_api_types_match_the_document()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "App.slnx"))) root = root.Parent;
        Assert.That(root, Is.Not.Null, "repository root (App.slnx) above the test binary");
        var web = Path.Combine(root!.FullName, "wwwroot");
        Assert.That(File.Exists(Path.Combine(web, "node_modules", ".bin", "openapi-typescript")), Is.True,
            "wwwroot's npm packages (scripts/test.sh runs npm ci in wwwroot)");

        using var http = App.NewHttpClient();
        var dir = Directory.CreateTempSubdirectory("vtis-api-types-");
        try
        {
            var document = Path.Combine(dir.FullName, "openapi.json");
            var generated = Path.Combine(dir.FullName, "schema.d.ts");
            await File.WriteAllTextAsync(document, await http.GetStringAsync("openapi/v1.json"));
            var start = new System.Diagnostics.ProcessStartInfo("npx", ["--no-install", "openapi-typescript", document, "-o", generated])
            {
                WorkingDirectory = web, RedirectStandardOutput = true, RedirectStandardError = true,
            };
            using var process = System.Diagnostics.Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.That(process.ExitCode, Is.EqualTo(0), await errors);

            var checkedIn = await File.ReadAllTextAsync(Path.Combine(web, "src", "api", "schema.d.ts"));
            Assert.That(await File.ReadAllTextAsync(generated) == checkedIn, Is.True,
                "wwwroot/src/api/schema.d.ts is stale: run `bash scripts/api-types.sh` and commit it");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [GeneratedRegex("""(src|href)\s*=\s*["']\s*(https?:)?//|url\(\s*["']?(https?:)?//|@import\s+["']?(https?:)?//""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
