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

    private readonly Dictionary<string, string?> _settings;
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"vtis-test-{Guid.NewGuid():N}");

    private TestApp(Db db, Dictionary<string, string?> settings)
    {
        Db = db;
        _settings = settings;
        UseKestrel(0);
    }

    public Db Db { get; }

    public Uri BaseAddress => ClientOptions.BaseAddress;

    public static async Task<TestApp> StartAsync(Db db, IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["App:DataDirectory"] = null,
            ["ConnectionStrings:Redis"] = TestServers.Redis,
            ["Admin:Email"] = AdminEmail,
            ["Admin:Password"] = AdminPassword,
            ["Jwt:SigningKey"] = "integration-tests-signing-key-0123456789abcdef",
            ["RateLimits:AuthPermitLimit"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var app = new TestApp(db, settings);
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

    public VtisClient NewClient(string? bearer = null) =>
        new(new HttpClient { BaseAddress = BaseAddress }) { BearerToken = bearer };

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
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>() switch
        {
            SqliteAppDbContext => (AppDbContext)ActivatorUtilities.CreateInstance<SqliteAppDbContext>(scope.ServiceProvider, SystemTenantContext.Instance),
            _ => ActivatorUtilities.CreateInstance<PostgresAppDbContext>(scope.ServiceProvider, SystemTenantContext.Instance),
        };
        return await work(db);
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
