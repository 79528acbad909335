using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Vtis.GhostCut;

namespace Vtis.GhostCutTests.Support;

/// <summary>A callback GhostCut delivered to the stub, as received.</summary>
internal sealed record ReceivedCallback(byte[] Body, string? Signature, bool Verified, int AnsweredStatus);

/// <summary>
/// Stands in for our app as GhostCut sees it, on a loopback port: serves input videos and receives callbacks,
/// verifying them first as the real endpoint must (403 on a bad signature). Callbacks are kept per tag, so tests
/// sharing the stub stay independent.
/// </summary>
internal sealed class AppStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _appSecret;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ReceivedCallback>> _received = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, string Body)>> _answers = new();

    private AppStub(WebApplication app, string videoDirectory, string appSecret)
    {
        _app = app;
        _appSecret = appSecret;
        app.MapGet("/videos/{name}", (string name) =>
        {
            var path = Path.Combine(videoDirectory, Path.GetFileName(name));
            return File.Exists(path) ? Results.File(path, "video/mp4") : Results.NotFound();
        });
        app.MapPost("/callbacks/{tag}", ReceiveAsync);
    }

    public string BaseUrl { get; private set; } = "";

    public static async Task<AppStub> StartAsync(string videoDirectory, string appSecret)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var stub = new AppStub(builder.Build(), videoDirectory, appSecret);
        await stub._app.StartAsync();
        var addresses = stub._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        stub.BaseUrl = addresses.Addresses.First().TrimEnd('/');
        return stub;
    }

    public string VideoUrl(string fileName) => $"{BaseUrl}/videos/{fileName}";

    public string CallbackUrl(string tag) => $"{BaseUrl}/callbacks/{tag}";

    /// <summary>Answers the next verified callbacks of a tag with these statuses and bodies, then with 200 "ok".</summary>
    public void AnswerNext(string tag, params (int Status, string Body)[] answers)
    {
        var queue = _answers.GetOrAdd(tag, _ => new ConcurrentQueue<(int, string)>());
        foreach (var answer in answers)
        {
            queue.Enqueue(answer);
        }
    }

    public IReadOnlyList<ReceivedCallback> Received(string tag) =>
        _received.TryGetValue(tag, out var callbacks) ? [.. callbacks] : [];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> ReceiveAsync(string tag, HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        var body = buffer.ToArray();
        var signature = request.Headers["Callback-Sign"].FirstOrDefault();
        var verified = GhostCutSignature.Verify(body, signature, _appSecret);
        var (status, answer) = !verified ? (StatusCodes.Status403Forbidden, "")
            : _answers.TryGetValue(tag, out var queue) && queue.TryDequeue(out var next) ? next
            : (StatusCodes.Status200OK, "ok");
        _received.GetOrAdd(tag, _ => new ConcurrentQueue<ReceivedCallback>())
            .Enqueue(new ReceivedCallback(body, signature, verified, status));
        return Results.Text(answer, "text/plain", statusCode: status);
    }
}
