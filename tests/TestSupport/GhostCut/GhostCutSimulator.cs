using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Vtis.GhostCut;

namespace Vtis.TestSupport;

/// <summary>
/// An in-process GhostCut speaking the real protocol on a loopback port: signed API calls, enveloped answers, works
/// that advance over time into real ffmpeg-rendered videos, and signed callbacks. Start one per test (it takes
/// milliseconds) and dispose it: everything it started stops with it.
/// </summary>
public sealed class GhostCutSimulator : IAsyncDisposable
{
    private const long MaxApiBodyBytes = 1024 * 1024;
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };
    private readonly string _workDirectory = Directory.CreateTempSubdirectory("ghostcut-simulator-").FullName;
    private readonly SimulatorLog _log = new();
    private readonly WorkRegistry _registry;
    private readonly WorkProcessor _processor;
    private int _disposed;

    private GhostCutSimulator(WebApplication app, GhostCutSimulatorOptions options)
    {
        _app = app;
        Options = options;
        _registry = new WorkRegistry(options.FirstWorkId, options.FirstProjectId);
        var callbacks = new CallbackSender(_http, options, Behavior, _log);
        _processor = new WorkProcessor(options, new InputDownloader(_http, options), new VideoRenderer(options), callbacks,
            _workDirectory, app.Logger, _stopping.Token);
        var gateway = new SimulatorGateway(options, Behavior, _log, _stopping.Token);
        var operations = new WorkOperations(_registry, _processor, Behavior, options);
        app.Map(GhostCutPaths.CreateWork, http => gateway.HandleAsync(http, operations.Create));
        app.Map(GhostCutPaths.WorkStatus, http => gateway.HandleAsync(http, operations.Status));
        app.MapGet("/results/{workId:long}.mp4", ServeResult);
    }

    /// <summary>The settings it runs with.</summary>
    public GhostCutSimulatorOptions Options { get; }

    /// <summary>Faults and per-work scenarios to apply from now on.</summary>
    public GhostCutSimulatorBehavior Behavior { get; } = new();

    /// <summary>The root URL to configure as <see cref="GhostCutOptions.ApiUrl"/>, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Every API request received so far, in arrival order.</summary>
    public IReadOnlyList<GhostCutRequestRecord> Requests => _log.Requests;

    /// <summary>Every callback attempt so far, in order.</summary>
    public IReadOnlyList<GhostCutCallbackAttempt> CallbackAttempts => _log.Callbacks;

    /// <summary>Starts a simulator and waits until it listens.</summary>
    /// <param name="options">Settings; defaults listen on a free loopback port with key <c>test-key</c>.</param>
    /// <param name="ct">Cancels the start.</param>
    /// <returns>The running simulator.</returns>
    public static async Task<GhostCutSimulator> StartAsync(GhostCutSimulatorOptions? options = null, CancellationToken ct = default)
    {
        options ??= new GhostCutSimulatorOptions();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls(options.Url);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxApiBodyBytes);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);

        var simulator = new GhostCutSimulator(builder.Build(), options);
        try
        {
            await simulator._app.StartAsync(ct);
        }
        catch
        {
            await simulator.DisposeAsync();
            throw;
        }

        var addresses = simulator._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        simulator.BaseUrl = addresses.Addresses.First().TrimEnd('/');
        return simulator;
    }

    /// <summary>How many API requests arrived on a path, e.g. <see cref="GhostCutPaths.CreateWork"/>.</summary>
    /// <param name="path">The request path.</param>
    /// <returns>The count, whatever the answer was.</returns>
    public int CountRequests(string path) => _log.Requests.Count(request => request.Path == path);

    /// <summary>A work's row as a status query would show it now.</summary>
    /// <param name="workId">The work id.</param>
    /// <returns>The row, or <see langword="null"/> for an unknown id.</returns>
    public GhostCutWork? FindWork(long workId) => _registry.Find(workId)?.Snapshot(DateTimeOffset.UtcNow);

    /// <summary>Completes when the host is asked to stop (Ctrl+C or SIGTERM when run standalone).</summary>
    /// <param name="ct">Stops waiting.</param>
    /// <returns>A task that completes on shutdown.</returns>
    public Task WaitForShutdownAsync(CancellationToken ct = default) => _app.WaitForShutdownAsync(ct);

    /// <summary>Stops the API, every work in progress and every pending callback, and deletes the rendered files.</summary>
    /// <returns>A task that completes once everything has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _app.StopAsync(CancellationToken.None);
        await _processor.DrainAsync();
        await _app.DisposeAsync();
        _http.Dispose();
        _stopping.Dispose();
        Directory.Delete(_workDirectory, recursive: true);
    }

    private IResult ServeResult(long workId) =>
        _registry.Find(workId)?.Snapshot(DateTimeOffset.UtcNow).IsSucceeded == true
            ? Results.File(_processor.ResultPath(workId), "video/mp4", enableRangeProcessing: true)
            : Results.NotFound();
}
