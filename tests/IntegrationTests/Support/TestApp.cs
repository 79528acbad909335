using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Vtis.Client;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceModel.Auth;

namespace Vtis.IntegrationTests.Support;

/// <summary>The whole app on a real loopback port (Kestrel), on SQLite or PostgreSQL, with Redis.</summary>
public sealed class TestApp : WebApplicationFactory<Program>
{
    public const string AdminEmail = "ops@vtis.test";
    public const string AdminPassword = "admin-password-1";
    public const string StripeWebhookSecret = "whsec_integration_tests_0123456789";

    private readonly Dictionary<string, string?> _settings;
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"vtis-test-{Guid.NewGuid():N}");

    private TestApp(Db db, Dictionary<string, string?> settings, int port)
    {
        Db = db;
        _settings = settings;
        UseKestrel(port);
    }

    public Db Db { get; }

    public Uri BaseAddress => ClientOptions.BaseAddress;

    /// <summary>A setting the app was started with (e.g. to start a second replica on the same database and queue).</summary>
    public string? Setting(string key) => _settings.GetValueOrDefault(key);

    /// <summary>What every test app and every process of a test fleet share: the seeded admin, the GhostCut simulator
    /// with its keys, loopback allowed for outbound calls and webhooks, and short poll, sweep and retry intervals.</summary>
    public static Dictionary<string, string?> SharedSettings(string simulatorUrl) => new()
    {
        ["Admin:Email"] = AdminEmail,
        ["Admin:Password"] = AdminPassword,
        ["RateLimits:AuthPermitLimit"] = "100000",
        ["GhostCut:ApiUrl"] = simulatorUrl,
        ["GhostCut:ApiKey"] = "test-key",
        ["GhostCut:AppSecret"] = "test-secret",
        ["GhostCut:Timeout"] = "00:00:05",
        ["GhostCut:TotalTimeout"] = "00:00:20",
        ["GhostCut:RetryDelay"] = "00:00:00.200",
        ["Jobs:PollFirstSeconds"] = "2",
        ["Jobs:PollMaxSeconds"] = "4",
        ["Jobs:SweepIntervalSeconds"] = "1",
        ["Jobs:StuckQueuedSeconds"] = "5",
        ["Jobs:CallbackRequeueSeconds"] = "5",
        ["Jobs:StuckProcessingSeconds"] = "30",
        ["Queue:RetryDelaysSeconds:0"] = "1",
        ["Queue:RetryDelaysSeconds:1"] = "1",
        ["Queue:RetryDelaysSeconds:2"] = "2",
        ["Outbound:AllowedNetworks:0"] = "127.0.0.1",
        ["Webhooks:AllowedHosts:0"] = "127.0.0.1",
        ["Webhooks:TimeoutSeconds"] = "2",
        ["Webhooks:RetryDelaysSeconds:0"] = "1",
        ["Webhooks:RetryDelaysSeconds:1"] = "1",
        ["Webhooks:RetryDelaysSeconds:2"] = "1",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    public static async Task<TestApp> StartAsync(Db db, IDictionary<string, string?>? overrides = null)
    {
        var settings = SharedSettings((await Apps.SimulatorAsync()).BaseUrl);
        settings["App:DataDirectory"] = null;
        settings["ConnectionStrings:Redis"] = TestServers.Redis;
        settings["Jwt:SigningKey"] = "integration-tests-signing-key-0123456789abcdef";
        settings["Uploads:MaxBytes"] = (8 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Uploads:MaxDurationSeconds"] = "30";
        settings["Queue:Prefix"] = $"vtis-test:{Guid.NewGuid():N}:";
        settings["Stripe:SecretKey"] = (await Apps.StripeAsync()).SecretKey;
        settings["Stripe:ApiBase"] = (await Apps.StripeAsync()).BaseUrl;
        settings["Stripe:WebhookSecret"] = StripeWebhookSecret;
        settings["Stripe:PublishableKey"] = "pk_test_integration";
        // The port is chosen before start because the app must know its public URL (GhostCut calls it back).
        var port = Loopback.FreePort();
        var app = new TestApp(db, settings, port);
        settings["App:PublicBaseUrl"] = $"http://127.0.0.1:{port}/";
        settings["App:DataDirectory"] = app._dataDirectory;
        settings["ConnectionStrings:Default"] = db == Db.Postgres
            ? await TestServers.CreatePostgresDatabaseAsync()
            : $"Data Source={Path.Combine(app._dataDirectory, "app.db")}";
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;
        Directory.CreateDirectory(app._dataDirectory);
        app.StartServer();
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    public VtisClient NewClient(string? bearer = null) => new(VtisClient.NewHttpClient(BaseAddress)) { BearerToken = bearer };

    public HttpClient NewHttpClient() => new() { BaseAddress = BaseAddress };

    /// <summary>Registers a fresh user and returns a client signed in as them.</summary>
    public async Task<Session> RegisterAsync(string? email = null, string password = "correct-horse-1", string? displayName = null)
    {
        email ??= $"user-{Guid.NewGuid():N}@example.test";
        var client = NewClient();
        var tokens = await client.SendAsync(new Register { Email = email, Password = password, DisplayName = displayName });
        client.BearerToken = tokens.AccessToken;
        return new Session(client, tokens, email, password);
    }

    public async Task<VtisClient> AdminAsync()
    {
        var client = NewClient();
        client.BearerToken = (await client.SendAsync(new Login { Email = AdminEmail, Password = AdminPassword })).AccessToken;
        return client;
    }

    /// <summary>Runs code against the database as trusted system work (sees every tenant).</summary>
    public async Task<T> WithDatabaseAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = Services.GetRequiredService<IServiceScopeFactory>().CreateSystemScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the OS temp cleaner gets it.
        }
    }
}

public sealed record Session(VtisClient Client, AuthTokens Tokens, string Email, string Password);
