using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Vtis.TestSupport.Stripe;

/// <summary>
/// Stripe's webhook side: events shaped as Stripe sends them (an <c>event</c> envelope with the API version and the
/// object in <c>data.object</c>) and their <c>Stripe-Signature</c> header, computed here from Stripe's documented
/// scheme (<c>t=&lt;unix time&gt;,v1=&lt;hex HMAC-SHA256 of "t.body" keyed with the endpoint secret&gt;</c>), not with
/// Stripe.net, so the app's verification is checked against the scheme itself.
/// </summary>
public static class StripeWebhooks
{
    private static int _sequence;

    public static string NewId(string prefix) =>
        $"{prefix}_{Interlocked.Increment(ref _sequence):D6}{RandomNumberGenerator.GetHexString(18, lowercase: true)}";

    /// <summary>An event around <paramref name="data"/>; <paramref name="id"/> is fresh unless given (redeliveries keep theirs).</summary>
    public static JsonObject Event(string type, JsonObject data, string? id = null, DateTimeOffset? created = null) => new()
    {
        ["id"] = id ?? NewId("evt"),
        ["object"] = "event",
        ["api_version"] = global::Stripe.StripeConfiguration.ApiVersion,
        ["created"] = (created ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds(),
        ["data"] = new JsonObject { ["object"] = data },
        ["livemode"] = false,
        ["pending_webhooks"] = 1,
        ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
        ["type"] = type,
    };

    /// <summary>The session the fake created, as completed: paid (card) or unpaid (a bank debit still settling).</summary>
    public static JsonObject Completed(JsonObject session, string paymentIntentId, bool paid = true)
    {
        session["status"] = "complete";
        session["payment_status"] = paid ? "paid" : "unpaid";
        session["payment_intent"] = paymentIntentId;
        session["invoice"] = NewId("in");
        return session;
    }

    /// <summary>A charge of <paramref name="amount"/> with <paramref name="amountRefunded"/> refunded so far (Stripe sends the running total).</summary>
    public static JsonObject Charge(string chargeId, string paymentIntentId, long amount, long amountRefunded, string currency = "usd") => new()
    {
        ["id"] = chargeId,
        ["object"] = "charge",
        ["amount"] = amount,
        ["amount_captured"] = amount,
        ["amount_refunded"] = amountRefunded,
        ["captured"] = true,
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["currency"] = currency,
        ["disputed"] = false,
        ["livemode"] = false,
        ["metadata"] = new JsonObject(),
        ["paid"] = true,
        ["payment_intent"] = paymentIntentId,
        ["refunded"] = amountRefunded >= amount,
        ["status"] = "succeeded",
    };

    public static JsonObject Dispute(string disputeId, string chargeId, string paymentIntentId, long amount, string status, string currency = "usd") => new()
    {
        ["id"] = disputeId,
        ["object"] = "dispute",
        ["amount"] = amount,
        ["charge"] = chargeId,
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["currency"] = currency,
        ["is_charge_refundable"] = false,
        ["livemode"] = false,
        ["metadata"] = new JsonObject(),
        ["payment_intent"] = paymentIntentId,
        ["reason"] = "fraudulent",
        ["status"] = status,
    };

    /// <summary>The <c>Stripe-Signature</c> header for <paramref name="payload"/> signed at <paramref name="at"/>.</summary>
    public static string Signature(string payload, string secret, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}"));
        return $"t={timestamp},v1={Convert.ToHexString(mac).ToLowerInvariant()}";
    }

    /// <summary>Posts <paramref name="payload"/> to the webhook as Stripe does, signed unless <paramref name="signature"/> says otherwise.</summary>
    public static async Task<HttpResponseMessage> DeliverAsync(HttpClient http, Uri webhook, string payload, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook)
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.UserAgent.ParseAdd("Stripe/1.0 (+https://stripe.com/docs/webhooks)");
        if (signature is not null) request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        return await http.SendAsync(request);
    }
}
