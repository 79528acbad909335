using System.Net.Http.Headers;
using System.Text;
using Vtis.GhostCut;

namespace Vtis.TestSupport;

/// <summary>
/// Delivers a finished work's row to its callback URL, signed in <c>Callback-Sign</c>, retrying while the answer is
/// not 200 with a body, as GhostCut does (it waits 30 minutes between attempts; the interval here is configurable).
/// </summary>
internal sealed class CallbackSender(
    HttpClient http, GhostCutSimulatorOptions options, GhostCutSimulatorBehavior behavior, SimulatorLog log)
{
    public async Task DeliverAsync(SimulatedWork work, CancellationToken ct)
    {
        if (work.Callback is null || work.Scenario.NoCallback)
        {
            return;
        }

        if (work.Scenario.CallbackDelay > TimeSpan.Zero)
        {
            await Task.Delay(work.Scenario.CallbackDelay, ct);
        }

        for (var copy = 0; copy < work.Scenario.CallbackCopies; copy++)
        {
            await DeliverOnceAsync(work, work.Callback, ct);
        }
    }

    private async Task DeliverOnceAsync(SimulatedWork work, string url, CancellationToken ct)
    {
        var body = WireJson.Serialize(work.Snapshot(DateTimeOffset.UtcNow), behavior.IdsAsStrings);
        var secret = work.Scenario.BadCallbackSignature ? options.AppSecret + "-wrong" : options.AppSecret;
        var signature = GhostCutSignature.Sign(body, secret);
        for (var attempt = 1; attempt <= options.MaxCallbackAttempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(options.CallbackRetryInterval, ct);
            }

            var sentAt = DateTimeOffset.UtcNow;
            var (status, response, error) = await PostAsync(url, body, signature, ct);
            var record = new GhostCutCallbackAttempt(
                work.Id, url, attempt, Encoding.UTF8.GetString(body), signature, status, response, error, sentAt);
            log.Add(record);
            if (record.Accepted)
            {
                return;
            }
        }
    }

    private async Task<(int? Status, string? Response, string? Error)> PostAsync(
        string url, byte[] body, string signature, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.HttpTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("Callback-Sign", signature);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(timeout.Token), null);
        }
        catch (HttpRequestException e)
        {
            return (null, null, e.Message);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, null, "The callback timed out.");
        }
    }
}
