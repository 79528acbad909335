using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceModel.Webhooks;

namespace Vtis.ServiceInterface.Webhooks;

/// <summary>
/// One delivery attempt, on the queue. The attempt is claimed first (a lease on the row), so two workers holding
/// the same message do not both send it. 2xx succeeds; 410 Gone disables the endpoint at once; anything else (other
/// codes, timeouts, refused connections, addresses the guard refuses) is retried on the schedule, and after the last
/// retry the delivery fails. An endpoint failing for <see cref="WebhookOptions.DisableAfterFailingDays"/> is disabled.
/// </summary>
public sealed class WebhookSender(
    IServiceScopeFactory scopes, IHttpClientFactory clients, IWebhookQueue queue, IOptions<WebhookOptions> options, TimeProvider clock,
    WebhookSecrets sealedSecrets, ILogger<WebhookSender> logger)
{
    private const int SnippetChars = 500;

    public async Task DeliverAsync(Guid deliveryId, CancellationToken ct)
    {
        await using var scope = scopes.CreateSystemScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var delivery = await db.WebhookDeliveries.Include(d => d.Message).SingleOrDefaultAsync(d => d.Id == deliveryId, ct);
        if (delivery is not { Status: WebhookDeliveryStatus.Pending }) return;
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == delivery.EndpointId, ct);
        var now = clock.GetUtcNow();
        if (endpoint is null) return;
        if (delivery.NextAttemptAt > now + TimeSpan.FromSeconds(1)) return; // early: its scheduled attempt will come
        if (!endpoint.Enabled)
        {
            delivery.Status = WebhookDeliveryStatus.Failed;
            delivery.NextAttemptAt = null;
            delivery.AttemptLog.Add(new WebhookAttempt { At = now, Error = "Not sent: the endpoint is disabled." });
            await SaveAsync(db, ct);
            return;
        }

        // Claim the attempt: a second worker holding the same message finds the lease and leaves it.
        delivery.NextAttemptAt = now + TimeSpan.FromSeconds(options.Value.TimeoutSeconds + 30);
        delivery.Version++;
        if (!await SaveAsync(db, ct)) return;

        var attempt = await SendAsync(endpoint, delivery.Message!, ct);
        var delay = Record(delivery, endpoint, attempt);
        if (!await SaveAsync(db, CancellationToken.None)) return;
        AppMetrics.WebhookAttempt(delivery.Status switch
        {
            WebhookDeliveryStatus.Succeeded => "succeeded",
            WebhookDeliveryStatus.Failed => "failed",
            _ => "retrying",
        });
        if (delay is { } wait) queue.ScheduleDelivery(delivery.Id, wait);
        logger.LogInformation("Webhook {MessageId} to endpoint {EndpointId}: attempt {Attempt} {Result}", delivery.MessageId, endpoint.Id,
            delivery.Attempts, attempt.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? attempt.Error);
    }

    /// <summary>Records the attempt and decides what follows; returns the wait before the next attempt, if any.</summary>
    private TimeSpan? Record(WebhookDelivery delivery, WebhookEndpoint endpoint, WebhookAttempt attempt)
    {
        var o = options.Value;
        var now = attempt.At;
        delivery.Attempts++;
        delivery.AttemptLog.Add(attempt);
        delivery.UpdatedAt = now;
        delivery.Version++;
        endpoint.UpdatedAt = now;
        if (attempt.StatusCode is >= 200 and < 300)
        {
            delivery.Status = WebhookDeliveryStatus.Succeeded;
            delivery.NextAttemptAt = null;
            endpoint.FailingSince = null;
            return null;
        }

        endpoint.FailingSince ??= now;
        string? disable = attempt.StatusCode == 410 ? "The endpoint answered 410 Gone."
            : endpoint.FailingSince <= now - TimeSpan.FromDays(o.DisableAfterFailingDays)
                ? $"Every delivery failed since {endpoint.FailingSince:u}." : null;
        if (disable is not null)
        {
            endpoint.Enabled = false;
            endpoint.DisabledAt = now;
            endpoint.DisabledReason = disable;
        }

        var delays = o.EffectiveRetryDelays;
        if (disable is not null || delivery.Attempts > delays.Count)
        {
            delivery.Status = WebhookDeliveryStatus.Failed;
            delivery.NextAttemptAt = null;
            return null;
        }

        var wait = TimeSpan.FromSeconds(delays[delivery.Attempts - 1]);
        delivery.NextAttemptAt = now + wait;
        return wait;
    }

    private async Task<WebhookAttempt> SendAsync(WebhookEndpoint endpoint, WebhookMessage message, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var secrets = (endpoint.PreviousSecret is { } old && endpoint.PreviousSecretExpiresAt > now ? new[] { endpoint.Secret, old } : [endpoint.Secret])
            .Select(sealedSecrets.Open).ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(message.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("webhook-id", message.Id);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", WebhookSignature.Seconds(now));
        request.Headers.TryAddWithoutValidation("webhook-signature", WebhookSignature.Sign(message.Id, now, message.Payload, secrets));
        request.Headers.UserAgent.ParseAdd("vtis-webhooks/1.0");

        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await clients.CreateClient(WebhookGuard.HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var snippet = await SnippetAsync(response, ct);
            return new WebhookAttempt { At = now, StatusCode = (int)response.StatusCode, LatencyMs = Ms(watch), ResponseSnippet = snippet };
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new WebhookAttempt { At = now, LatencyMs = Ms(watch), Error = $"No answer within {options.Value.TimeoutSeconds} s." };
        }
        catch (HttpRequestException e)
        {
            var reason = e.InnerException is SocketException socket ? socket.Message : e.Message;
            return new WebhookAttempt { At = now, LatencyMs = Ms(watch), Error = Truncate($"Not delivered: {reason}", 500) };
        }
    }

    private static async Task<string?> SnippetAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var buffer = new char[SnippetChars];
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct), Encoding.UTF8);
        var read = await reader.ReadBlockAsync(buffer, ct);
        return read == 0 ? null : new string(buffer, 0, read);
    }

    private static async Task<bool> SaveAsync(AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false; // another worker has this attempt
        }
    }

    private static int Ms(Stopwatch watch) => (int)Math.Min(int.MaxValue, watch.ElapsedMilliseconds);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
