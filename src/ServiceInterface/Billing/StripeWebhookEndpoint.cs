using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stripe;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Data;

namespace Vtis.ServiceInterface.Billing;

/// <summary>
/// <c>POST /api/v1/stripe/webhook</c>: the <c>Stripe-Signature</c> header (<c>t=…,v1=…</c>, HMAC-SHA256 of
/// <c>t.body</c> with the endpoint secret) and its timestamp are checked before anything else; a bad or missing
/// signature is 400 and changes nothing. A good event is recorded by its id (a redelivery finds it and is only
/// acknowledged), queued, and answered 200 at once: the work happens on the queue.
/// </summary>
public static class StripeWebhookEndpoint
{
    public const string Path = "/api/v1/stripe/webhook";
    public const string SignatureHeader = "Stripe-Signature";
    private const int MaxBodyBytes = 512 * 1024;

    public static IEndpointRouteBuilder MapStripeWebhook(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, ReceiveAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ReceiveAsync(HttpContext http, IServiceScopeFactory scopes, IOptions<StripeOptions> options,
        IBillingQueue queue, TimeProvider clock, ILoggerFactory loggers)
    {
        var stripe = options.Value;
        if (!stripe.Enabled || string.IsNullOrWhiteSpace(stripe.WebhookSecret)) throw BillingProblems.Disabled();
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBodyBytes;
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        var json = Encoding.UTF8.GetString(buffer.ToArray());

        try
        {
            EventUtility.ValidateSignature(json, http.Request.Headers[SignatureHeader].ToString(), stripe.WebhookSecret, stripe.WebhookToleranceSeconds);
        }
        catch (StripeException e)
        {
            loggers.CreateLogger(typeof(StripeWebhookEndpoint)).LogWarning("Stripe webhook refused: {Reason}", e.Message);
            return BadRequest("bad-signature", $"The Stripe-Signature header does not verify: {e.Message}");
        }

        if (Envelope(json) is not { } envelope) return BadRequest("bad-event", "The body is not a Stripe event (id, type, created).");

        await using var scope = scopes.CreateSystemScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!await RecordAsync(db, envelope, json, clock, http.RequestAborted))
            return TypedResults.Ok(new { received = true, duplicate = true });

        queue.EnqueueStripeEvent(envelope.Id);
        return TypedResults.Ok(new { received = true });
    }

    /// <summary>Stores the event; false when it is already stored (a redelivery, or the same delivery on another replica).</summary>
    private static async Task<bool> RecordAsync(AppDbContext db, (string Id, string Type, DateTimeOffset Created) envelope, string json,
        TimeProvider clock, CancellationToken ct)
    {
        if (await db.StripeEvents.AnyAsync(e => e.Id == envelope.Id, ct)) return false;
        db.StripeEvents.Add(new StripeEvent
        {
            Id = envelope.Id,
            Type = envelope.Type,
            Payload = json,
            CreatedAt = envelope.Created,
            ReceivedAt = clock.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException failed)
        {
            // A concurrent delivery of the same event (another replica, or Stripe retrying) won the insert.
            db.ChangeTracker.Clear();
            if (await db.StripeEvents.AnyAsync(e => e.Id == envelope.Id, CancellationToken.None)) return false;
            throw new InvalidOperationException($"Stripe event {envelope.Id} could not be stored.", failed);
        }
    }

    private static (string Id, string Type, DateTimeOffset Created)? Envelope(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            var id = root.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
            var type = root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var created = root.TryGetProperty("created", out var c) && c.TryGetInt64(out var seconds) ? seconds : (long?)null;
            if (string.IsNullOrEmpty(id) || id.Length > 100 || string.IsNullOrEmpty(type) || type.Length > 100 || created is null) return null;
            return (id, type, DateTimeOffset.FromUnixTimeSeconds(created.Value));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ProblemHttpResult BadRequest(string type, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: "/problems/" + type, title: "Bad request", detail: detail);
}
