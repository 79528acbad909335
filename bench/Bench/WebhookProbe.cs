using System.Diagnostics;
using System.Text.Json;
using Vtis.Client;
using Vtis.ServiceModel.Webhooks;
using Vtis.TestSupport.Webhooks;

namespace Vtis.Bench;

/// <summary>What the webhook probe measured.</summary>
internal sealed record WebhookFigures(LatencyStats AddedLatency, int Events, double DeliveriesPerSecond, int Burst, TimeSpan BurstTime, int Unverified);

/// <summary>
/// Outbound webhooks to a receiver in the bench process (verifying with the Standard Webhooks library): the latency
/// a delivery adds after a job's final transition (receipt time minus the job's <c>completedAt</c>, both this
/// machine's clock), and the rate of a burst of test events sent at once.
/// </summary>
internal static class WebhookProbe
{
    public static async Task<(WebhookReceiver Receiver, string Hook, Guid EndpointId)> RegisterAsync(VtisClient client, CancellationToken ct)
    {
        var receiver = await WebhookReceiver.StartAsync();
        var (hook, url) = receiver.NewHook();
        var created = await client.SendAsync(new CreateWebhookEndpoint { Url = url, Description = "bench" }, ct);
        receiver.Secret(hook, created.Secret);
        return (receiver, hook, created.Endpoint.Id);
    }

    /// <summary>Latency of the job events already received, then a burst of <paramref name="burst"/> test events.</summary>
    public static async Task<WebhookFigures> MeasureAsync(VtisClient client, WebhookReceiver receiver, string hook, Guid endpointId, int burst,
        CancellationToken ct)
    {
        var jobEvents = receiver.For(hook);
        var added = jobEvents.Select(r =>
        {
            using var body = JsonDocument.Parse(r.Body);
            return body.RootElement.GetProperty("data").TryGetProperty("completedAt", out var at) && at.ValueKind == JsonValueKind.String
                ? r.At - at.GetDateTimeOffset() : (TimeSpan?)null;
        }).OfType<TimeSpan>().ToList();

        var before = receiver.For(hook).Count;
        var clock = Stopwatch.StartNew();
        await Parallel.ForAsync(0, burst, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct },
            async (_, c) => await client.SendAsync(new SendTestWebhook { Id = endpointId }, c));
        var deadline = TimeSpan.FromSeconds(120);
        while (receiver.For(hook).Count < before + burst && clock.Elapsed < deadline) await Task.Delay(20, ct);
        var took = clock.Elapsed;
        var got = receiver.For(hook).Count - before;
        return new WebhookFigures(LatencyStats.FromDurations(added), added.Count, got / took.TotalSeconds, got, took,
            receiver.For(hook).Count(r => !r.Verified));
    }
}
