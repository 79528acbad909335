namespace Vtis.IntegrationTests.Support;

/// <summary>One shared app per database provider for the whole run, started on first use.</summary>
[SetUpFixture]
public sealed class Apps
{
    private static readonly Dictionary<Db, Task<TestApp>> Started = [];
    private static readonly Lock Gate = new();

    public static Task<TestApp> For(Db db)
    {
        lock (Gate)
        {
            if (!Started.TryGetValue(db, out var app)) Started[db] = app = TestApp.StartAsync(db);
            return app;
        }
    }

    [OneTimeTearDown]
    public async Task StopAll()
    {
        foreach (var app in Started.Values)
            if (app.IsCompletedSuccessfully) await (await app).DisposeAsync();
    }
}

/// <summary>Base of fixtures that run once per database provider against the shared app.</summary>
[TestFixture(Db.Sqlite)]
[TestFixture(Db.Postgres)]
public abstract class ApiTest(Db db)
{
    protected Db Db { get; } = db;

    protected TestApp App { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartApp() => App = await Apps.For(Db);
}
