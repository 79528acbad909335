using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Vtis.GhostCut;

/// <summary>The GhostCut API over a typed <see cref="HttpClient"/>; register it with <c>AddGhostCutClient</c>.</summary>
/// <param name="http">The client whose handler pipeline adds timeouts, retries and the circuit breaker.</param>
/// <param name="options">Credentials and endpoint, read per call so that reloaded settings apply.</param>
public sealed class GhostCutClient(HttpClient http, IOptionsMonitor<GhostCutOptions> options) : IGhostCutClient
{
    /// <inheritdoc />
    public async Task<GhostCutSubmission> SubmitAsync(GhostCutWorkRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Urls.Count is 0 or > GhostCutWorkRequest.MaxUrls)
        {
            throw new ArgumentException($"A submission needs 1 to {GhostCutWorkRequest.MaxUrls} URLs.", nameof(request));
        }

        var settings = options.CurrentValue;
        var body = request.Uid is null && !string.IsNullOrWhiteSpace(settings.Uid) ? request with { Uid = settings.Uid } : request;
        var created = await PostAsync<GhostCutWorkRequest, GhostCutCreatedWorks>(
            settings, GhostCutPaths.CreateWork, "create", body, replayable: false, ct);

        var works = created.DataList ?? [];
        if (works.Count != request.Urls.Count)
        {
            // Works were created and may be billed, so the caller must not resubmit as if nothing happened.
            throw new GhostCutException(
                $"GhostCut created {works.Count} works for {request.Urls.Count} URLs (batch {created.IdProject}).")
            {
                OutcomeUnknown = true,
            };
        }

        // GhostCut documents dataList in the order of urls.
        return new GhostCutSubmission(created.IdProject, [.. works.Select(work => work.Id)]);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<GhostCutWork>> GetWorksAsync(IReadOnlyList<long> workIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(workIds);
        if (workIds.Count == 0)
        {
            return [];
        }

        var page = await PostAsync<GhostCutWorkQuery, GhostCutWorkPage>(
            options.CurrentValue, GhostCutPaths.WorkStatus, "status", new GhostCutWorkQuery { IdWorks = workIds }, replayable: true, ct);
        return page.Content ?? [];
    }

    private async Task<TBody> PostAsync<TRequest, TBody>(
        GhostCutOptions settings, string path, string operation, TRequest payload, bool replayable, CancellationToken ct)
        where TBody : class
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var body = await SendAsync<TRequest, TBody>(settings, path, payload, replayable, ct);
            GhostCutMetrics.Record(operation, "ok", Stopwatch.GetElapsedTime(started));
            return body;
        }
        catch (GhostCutException e)
        {
            GhostCutMetrics.Record(operation, GhostCutMetrics.Outcome(e), Stopwatch.GetElapsedTime(started));
            throw;
        }
    }

    private async Task<TBody> SendAsync<TRequest, TBody>(
        GhostCutOptions settings, string path, TRequest payload, bool replayable, CancellationToken ct)
        where TBody : class
    {
        if (!settings.IsConfigured)
        {
            throw new InvalidOperationException("GhostCut is not configured: set GhostCut:ApiKey and GhostCut:AppSecret.");
        }

        // Serialised once: the signature covers these exact bytes and these exact bytes go on the wire.
        var bytes = JsonSerializer.SerializeToUtf8Bytes(payload, GhostCutJson.Options);
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.ApiUrl.TrimEnd('/') + path))
        {
            Content = new ByteArrayContent(bytes),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        message.Headers.TryAddWithoutValidation("AppKey", settings.ApiKey);
        message.Headers.TryAddWithoutValidation("AppSign", GhostCutSignature.Sign(bytes, settings.AppSecret!));
        if (replayable)
        {
            GhostCutResilience.MarkReplayable(message);
        }

        try
        {
            using var response = await http.SendAsync(message, ct);
            return await ReadAsync<TBody>(response, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutRejectedException)
        {
            throw new GhostCutException("GhostCut did not answer in time.", e) { IsTransient = true, OutcomeUnknown = true };
        }
        catch (BrokenCircuitException e)
        {
            throw new GhostCutException("GhostCut is failing; calls are paused for a moment.", e) { IsTransient = true };
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new GhostCutException($"GhostCut could not be reached: {e.Message}", e)
            {
                IsTransient = true,
                OutcomeUnknown = !GhostCutResilience.NeverSent(e),
            };
        }
    }

    private static async Task<TBody> ReadAsync<TBody>(HttpResponseMessage response, CancellationToken ct)
        where TBody : class
    {
        if (!response.IsSuccessStatusCode)
        {
            throw GhostCutException.FromHttpStatus((int)response.StatusCode);
        }

        GhostCutEnvelope<TBody>? envelope;
        try
        {
            envelope = await response.Content.ReadFromJsonAsync<GhostCutEnvelope<TBody>>(GhostCutJson.Options, ct);
        }
        catch (JsonException e)
        {
            throw GhostCutException.Unreadable("it is not a GhostCut envelope.", e);
        }

        if (envelope is null)
        {
            throw GhostCutException.Unreadable("the body is empty.");
        }

        if (envelope.Code != GhostCutCodes.Success)
        {
            throw GhostCutException.FromEnvelope(envelope.Code, envelope.Msg, envelope.Trace);
        }

        return envelope.Body ?? throw GhostCutException.Unreadable("a success without a body.");
    }
}
