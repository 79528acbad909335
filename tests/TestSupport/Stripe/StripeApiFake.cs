using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Vtis.TestSupport.Stripe;

/// <summary>One request the fake received: form fields exactly as Stripe.net encoded them (<c>metadata[accountId]</c>,
/// <c>line_items[0][price_data][unit_amount]</c>, …) and the headers Stripe cares about.</summary>
public sealed record StripeRequest(string Method, string Path, IReadOnlyDictionary<string, string> Form, string? Authorization,
    string? IdempotencyKey, string? StripeVersion, int Status);

/// <summary>
/// Stripe's API on a loopback port, for the endpoints billing uses: <c>POST /v1/customers</c>,
/// <c>POST /v1/checkout/sessions</c>, <c>POST /v1/billing_portal/sessions</c>. It speaks the wire protocol: form-encoded
/// requests with a bearer secret key (401 otherwise), Stripe-shaped JSON objects and error bodies, and idempotency
/// keys (the same key and parameters replay the first answer with <c>Idempotent-Replayed: true</c>; the same key with
/// other parameters is a 400 <c>idempotency_error</c>). Every request is recorded for tests to assert on.
/// </summary>
public sealed class StripeApiFake : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<StripeRequest> _requests = new();
    private readonly ConcurrentDictionary<string, (string Fingerprint, int Status, string Body)> _idempotent = new();
    private readonly ConcurrentDictionary<string, JsonObject> _sessions = new();
    private readonly Lock _gate = new();
    private int _sequence;

    private StripeApiFake(WebApplication app, string secretKey)
    {
        _app = app;
        SecretKey = secretKey;
        app.MapPost("/v1/customers", http => HandleAsync(http, Customer));
        app.MapPost("/v1/checkout/sessions", http => HandleAsync(http, CheckoutSession));
        app.MapPost("/v1/billing_portal/sessions", http => HandleAsync(http, PortalSession));
        app.MapFallback(http => Write(http, 404, Error("invalid_request_error", $"Unrecognized request URL ({http.Request.Method}: {http.Request.Path}).")));
    }

    /// <summary>The secret key requests must carry.</summary>
    public string SecretKey { get; }

    /// <summary>What to configure as <c>Stripe:ApiBase</c>, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<StripeRequest> Requests => [.. _requests];

    /// <summary>A Checkout Session as created (metadata, customer, amounts), to build its webhook events from.</summary>
    public JsonObject Session(string id) => _sessions.TryGetValue(id, out var session)
        ? (JsonObject)session.DeepClone() : throw new KeyNotFoundException($"No session {id}.");

    public static async Task<StripeApiFake> StartAsync(string secretKey = "sk_test_fake_secret_key", CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var fake = new StripeApiFake(builder.Build(), secretKey);
        await fake._app.StartAsync(ct);
        fake.BaseUrl = fake._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http, Func<IReadOnlyDictionary<string, string>, (int Status, JsonObject Body)> handle)
    {
        var form = (await http.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        var authorization = http.Request.Headers.Authorization.ToString();
        var key = http.Request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } k ? k : null;
        var version = http.Request.Headers["Stripe-Version"].ToString();
        var path = http.Request.Path.Value ?? "";

        int status;
        string body;
        if (authorization != $"Bearer {SecretKey}")
        {
            (status, body) = (401, Error("invalid_request_error", "Invalid API Key provided.").ToJsonString());
        }
        else if (key is not null && _idempotent.TryGetValue(key, out var first))
        {
            if (first.Fingerprint != Fingerprint(path, form))
            {
                (status, body) = (400, Error("idempotency_error",
                    $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{key}'.").ToJsonString());
            }
            else
            {
                http.Response.Headers["Idempotent-Replayed"] = "true";
                (status, body) = (first.Status, first.Body);
            }
        }
        else
        {
            JsonObject result;
            lock (_gate) (status, result) = handle(form);
            body = result.ToJsonString();
            if (key is not null) _idempotent.TryAdd(key, (Fingerprint(path, form), status, body));
        }

        _requests.Enqueue(new StripeRequest(http.Request.Method, path, form, authorization, key, version, status));
        if (key is not null) http.Response.Headers["Idempotency-Key"] = key;
        http.Response.Headers["Request-Id"] = $"req_{Interlocked.Increment(ref _sequence):D14}";
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(body);
    }

    private (int, JsonObject) Customer(IReadOnlyDictionary<string, string> form) =>
        (200, new JsonObject
        {
            ["id"] = NewId("cus"),
            ["object"] = "customer",
            ["created"] = Now(),
            ["email"] = Field(form, "email"),
            ["name"] = Field(form, "name"),
            ["livemode"] = false,
            ["metadata"] = Metadata(form, "metadata"),
        });

    private (int, JsonObject) CheckoutSession(IReadOnlyDictionary<string, string> form)
    {
        if (Field(form, "mode") is not ("payment" or "setup" or "subscription"))
            return (400, Error("invalid_request_error", "Missing required param: mode.", "mode"));
        if (Field(form, "success_url") is null)
            return (400, Error("invalid_request_error", "Missing required param: success_url.", "success_url"));
        if (Field(form, "line_items[0][quantity]") is null)
            return (400, Error("invalid_request_error", "Missing required param: line_items[0][quantity].", "line_items"));
        var priced = long.TryParse(Field(form, "line_items[0][price_data][unit_amount]"), out var unit);
        if (!priced && Field(form, "line_items[0][price]") is null)
            return (400, Error("invalid_request_error", "You must specify either `price` or `price_data` in each line item.", "line_items"));

        var quantity = long.Parse(Field(form, "line_items[0][quantity]")!, System.Globalization.CultureInfo.InvariantCulture);
        var id = NewId("cs_test");
        var session = new JsonObject
        {
            ["id"] = id,
            ["object"] = "checkout.session",
            ["amount_subtotal"] = unit * quantity,
            ["amount_total"] = unit * quantity,
            ["cancel_url"] = Field(form, "cancel_url"),
            ["client_reference_id"] = Field(form, "client_reference_id"),
            ["created"] = Now(),
            ["currency"] = Field(form, "line_items[0][price_data][currency]") ?? "usd",
            ["customer"] = Field(form, "customer"),
            ["expires_at"] = Now() + 86_400,
            ["invoice"] = null,
            ["invoice_creation"] = new JsonObject { ["enabled"] = Field(form, "invoice_creation[enabled]") == "true" },
            ["livemode"] = false,
            ["metadata"] = Metadata(form, "metadata"),
            ["mode"] = Field(form, "mode"),
            ["payment_intent"] = null,
            ["payment_status"] = "unpaid",
            ["status"] = "open",
            ["success_url"] = Field(form, "success_url"),
            ["url"] = $"https://checkout.stripe.com/c/pay/{id}",
        };
        _sessions[id] = session;
        return (200, session);
    }

    private (int, JsonObject) PortalSession(IReadOnlyDictionary<string, string> form)
    {
        if (Field(form, "customer") is not { } customer)
            return (400, Error("invalid_request_error", "Missing required param: customer.", "customer"));
        var id = NewId("bps");
        return (200, new JsonObject
        {
            ["id"] = id,
            ["object"] = "billing_portal.session",
            ["created"] = Now(),
            ["customer"] = customer,
            ["livemode"] = false,
            ["return_url"] = Field(form, "return_url"),
            ["url"] = $"https://billing.stripe.com/p/session/{id}",
        });
    }

    private static string? Field(IReadOnlyDictionary<string, string> form, string name) => form.TryGetValue(name, out var v) ? v : null;

    private static JsonObject Metadata(IReadOnlyDictionary<string, string> form, string prefix)
    {
        var metadata = new JsonObject();
        foreach (var (name, value) in form)
            if (name.StartsWith(prefix + "[", StringComparison.Ordinal) && name.EndsWith(']') && name.IndexOf('[', prefix.Length + 1) < 0)
                metadata[name[(prefix.Length + 1)..^1]] = value;
        return metadata;
    }

    private static string Fingerprint(string path, IReadOnlyDictionary<string, string> form) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(path + "?" + string.Join('&', form.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}")))));

    private string NewId(string prefix) => $"{prefix}_{Interlocked.Increment(ref _sequence):D6}{RandomNumberGenerator.GetHexString(16, lowercase: true)}";

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static JsonObject Error(string type, string message, string? param = null) =>
        new() { ["error"] = new JsonObject { ["type"] = type, ["message"] = message, ["param"] = param } };

    private static Task Write(HttpContext http, int status, JsonObject body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(body.ToJsonString());
    }
}
