using Vtis.TestSupport;

namespace Vtis.IntegrationTests.Support;

/// <summary>One shared app per database provider for the whole run, started on first use.</summary>
[SetUpFixture]
public sealed class Apps
{
    private static readonly Dictionary<Db, Task<TestApp>> Started = [];
    private static readonly Lock Gate = new();
    private static Task<GhostCutSimulator>? _simulator;
    private static Task<Vtis.TestSupport.Stripe.StripeApiFake>? _stripe;

    private static Task<Vtis.TestSupport.Webhooks.WebhookReceiver>? _receiver;

    /// <summary>One webhook receiver on 127.0.0.1 for the run (tests take a fresh hook each).</summary>
    public static Task<Vtis.TestSupport.Webhooks.WebhookReceiver> ReceiverAsync()
    {
        lock (Gate) return _receiver ??= Vtis.TestSupport.Webhooks.WebhookReceiver.StartAsync();
    }

    /// <summary>One Stripe API fake for the run; the apps' Stripe client points at it.</summary>
    public static Task<Vtis.TestSupport.Stripe.StripeApiFake> StripeAsync()
    {
        lock (Gate) return _stripe ??= Vtis.TestSupport.Stripe.StripeApiFake.StartAsync();
    }

    /// <summary>One GhostCut simulator for the run; tests set per-upload scenarios on it.</summary>
    public static Task<GhostCutSimulator> SimulatorAsync()
    {
        lock (Gate)
        {
            return _simulator ??= GhostCutSimulator.StartAsync(new GhostCutSimulatorOptions
            {
                QueuedFor = TimeSpan.FromMilliseconds(300),
                ProcessingFor = TimeSpan.FromSeconds(1),
                CallbackRetryInterval = TimeSpan.FromMilliseconds(500),
            });
        }
    }

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
        if (_simulator is { IsCompletedSuccessfully: true }) await (await _simulator).DisposeAsync();
        if (_stripe is { IsCompletedSuccessfully: true }) await (await _stripe).DisposeAsync();
        if (_receiver is { IsCompletedSuccessfully: true }) await (await _receiver).DisposeAsync();
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
