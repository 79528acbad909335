using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace Vtis.TestSupport.Webhooks;

/// <summary>One request as it reached the receiver, and whether the Standard Webhooks library accepted it.</summary>
public sealed record ReceivedWebhook(string Hook, string Id, string Timestamp, string Signature, string Body, bool Verified, string? VerifyError,
    DateTimeOffset At, int AnsweredStatus);

/// <summary>What the receiver answers to the next request on a hook.</summary>
public abstract record HookAnswer
{
    public sealed record Status(int Code, string Body = "") : HookAnswer;

    public sealed record Slow(TimeSpan Delay) : HookAnswer;

    public sealed record Redirect(string Location) : HookAnswer;
}

/// <summary>
/// An integrator's webhook receiver on a loopback address: every request to <c>/hooks/{name}</c> is verified with the
/// Standard Webhooks library (not the app's code) against the secret given for that hook, recorded, and answered as
/// scripted (a queue of answers per hook; 200 once it is empty).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly ConcurrentDictionary<string, string> _secrets = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<HookAnswer>> _scripts = new();

    private WebhookReceiver(WebApplication app)
    {
        _app = app;
        app.MapPost("/hooks/{hook}", ReceiveAsync);
    }

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public static async Task<WebhookReceiver> StartAsync(string address = "127.0.0.1")
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls($"http://{address}:0");
        builder.Logging.ClearProviders();
        var receiver = new WebhookReceiver(builder.Build());
        await receiver._app.StartAsync();
        receiver.BaseUrl = receiver._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
        return receiver;
    }

    /// <summary>A fresh hook name and its URL.</summary>
    public (string Name, string Url) NewHook()
    {
        var name = Guid.NewGuid().ToString("N");
        return (name, $"{BaseUrl}/hooks/{name}");
    }

    /// <summary>The secret requests to <paramref name="hook"/> are verified with.</summary>
    public void Secret(string hook, string secret) => _secrets[hook] = secret;

    /// <summary>Answers for the next requests to <paramref name="hook"/>, in order.</summary>
    public void Script(string hook, params HookAnswer[] answers)
    {
        var queue = _scripts.GetOrAdd(hook, _ => new ConcurrentQueue<HookAnswer>());
        foreach (var answer in answers) queue.Enqueue(answer);
    }

    public IReadOnlyList<ReceivedWebhook> For(string hook) => [.. _received.Where(r => r.Hook == hook)];

    /// <summary>Waits until <paramref name="hook"/> has received <paramref name="count"/> requests.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(string hook, int count = 1, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            var got = For(hook);
            if (got.Count >= count) return got;
            await Task.Delay(50);
        }
        throw new TimeoutException($"Hook {hook} received {For(hook).Count} of {count} requests in {seconds} s.");
    }

    /// <summary>The Standard Webhooks library's verdict on a body and headers (null when it accepts them).</summary>
    public static string? Verify(string secret, string body, string id, string timestamp, string signature)
    {
        var headers = new HeaderDictionary
        {
            ["webhook-id"] = id,
            ["webhook-timestamp"] = timestamp,
            ["webhook-signature"] = signature,
        };
        try
        {
            new StandardWebhook(secret).Verify(body, headers);
            return null;
        }
        catch (WebhookVerificationException e)
        {
            return e.Message;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ReceiveAsync(string hook, HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        var (id, timestamp, signature) = (Header(http, "webhook-id"), Header(http, "webhook-timestamp"), Header(http, "webhook-signature"));
        var error = _secrets.TryGetValue(hook, out var secret) ? Verify(secret, body, id, timestamp, signature) : "no secret for this hook";
        var answer = _scripts.TryGetValue(hook, out var script) && script.TryDequeue(out var next) ? next : new HookAnswer.Status(200, "ok");

        var status = 200;
        switch (answer)
        {
            case HookAnswer.Status s:
                status = s.Code;
                http.Response.StatusCode = s.Code;
                if (s.Body.Length > 0) await http.Response.WriteAsync(s.Body);
                break;
            case HookAnswer.Slow slow:
                await Task.Delay(slow.Delay, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                await http.Response.WriteAsync("late");
                break;
            case HookAnswer.Redirect redirect:
                status = (int)HttpStatusCode.Found;
                http.Response.Redirect(redirect.Location);
                break;
        }
        _received.Enqueue(new ReceivedWebhook(hook, id, timestamp, signature, body, error is null, error, DateTimeOffset.UtcNow, status));
    }

    private static string Header(HttpContext http, string name) => http.Request.Headers[name].ToString();
}
