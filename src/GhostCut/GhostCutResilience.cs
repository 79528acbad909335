using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Vtis.GhostCut;

/// <summary>
/// The handler pipeline of the GhostCut client: total timeout, retry, circuit breaker, per-attempt timeout.
/// Creating a work is not idempotent on GhostCut's side (every call creates and bills new works), so only requests
/// marked replayable (status queries) are retried on 5xx, 429, timeouts and network errors. Any other request is
/// retried only when the connection could not even be opened, i.e. when it provably never reached GhostCut; a
/// timeout or a 5xx after sending may hide created works, and a blind resubmit would bill them twice.
/// </summary>
internal static class GhostCutResilience
{
    private static readonly HttpRequestOptionsKey<bool> ReplayableKey = new("Vtis.GhostCut.Replayable");

    /// <summary>Declares a request safe to send more than once.</summary>
    internal static void MarkReplayable(HttpRequestMessage request) => request.Options.Set(ReplayableKey, true);

    internal static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, GhostCutOptions options)
    {
        pipeline.AddTimeout(options.TotalTimeout);
        if (options.MaxRetryAttempts > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.GetRequestMessage())),
            });
        }

        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            // Polly wants the sampling window to hold at least two attempts.
            SamplingDuration = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(30).Ticks, 2 * options.Timeout.Ticks)),
        });
        pipeline.AddTimeout(options.Timeout);
    }

    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request) =>
        IsReplayable(request) ? HttpClientResiliencePredicates.IsTransient(outcome) : NeverSent(outcome.Exception);

    /// <summary>Whether a failure happened before any byte of the request could reach the server.</summary>
    internal static bool NeverSent(Exception? failure) => failure is HttpRequestException
    {
        HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError,
    };

    private static bool IsReplayable(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(ReplayableKey, out var replayable) && replayable;
}
