using System.Text.Json.Nodes;
using Vtis.ServiceModel.Jobs;
using Vtis.ServiceModel.Webhooks;
using Vtis.TestSupport.Webhooks;

namespace Vtis.IntegrationTests.Support;

/// <summary>An endpoint registered on the shared receiver, with its hook name and its secret.</summary>
public sealed record Hook(string Name, string Url, WebhookEndpointCreated Created)
{
    public Guid Id => Created.Endpoint.Id;
}

/// <summary>Steps the webhook tests share.</summary>
public static class WebhookSteps
{
    public static async Task<Hook> RegisterHookAsync(this Session session, params string[] eventTypes)
    {
        var receiver = await Apps.ReceiverAsync();
        var (name, url) = receiver.NewHook();
        var created = await session.Client.SendAsync(new CreateWebhookEndpoint { Url = url, EventTypes = eventTypes, Description = "tests" });
        receiver.Secret(name, created.Secret);
        return new Hook(name, url, created);
    }

    public static async Task<JobInfo> RunJobAsync(this Session session, ProcessorKind processor = ProcessorKind.Auto, string? video = null)
    {
        var upload = await session.UploadAsync(video ?? await TestMedia.Mp4);
        var job = await session.Client.SendAsync(new SubmitJob { UploadId = upload.Id, Config = new ProcessingConfig { Processor = processor } });
        return await session.WaitForEndAsync(job.Id);
    }

    /// <summary>Polls the endpoint's delivery log until <paramref name="until"/> holds for a delivery.</summary>
    public static async Task<WebhookDeliveryInfo> WaitForDeliveryAsync(this Session session, Guid endpointId, Func<WebhookDeliveryInfo, bool> until, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        IReadOnlyList<WebhookDeliveryInfo> seen = [];
        do
        {
            seen = (await session.Client.SendAsync(new ListWebhookDeliveries { Id = endpointId, PageSize = 50 })).Items;
            if (seen.FirstOrDefault(until) is { } found) return found;
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"No delivery of endpoint {endpointId} got there in {seconds} s: " +
                    string.Join("; ", seen.Select(d => $"{d.EventType} {d.Status} x{d.AttemptCount} {string.Join(',', d.Attempts.Select(a => a.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? a.Error))}")));
        return null!;
    }

    public static JsonObject Json(this ReceivedWebhook received) => JsonNode.Parse(received.Body)!.AsObject();
}
