using System.Collections.Concurrent;
using System.Diagnostics;
using Vtis.Client;

namespace Vtis.Bench;

/// <summary>One load phase's outcome. RPS counts successful requests only.</summary>
internal sealed record LoadResult(
    string Operation, int Concurrency, int Requests, int Errors, TimeSpan Elapsed, LatencyStats Latency,
    IReadOnlyDictionary<string, int> ErrorKinds)
{
    public double Rps => (Requests - Errors) / Elapsed.TotalSeconds;
}

/// <summary>
/// Runs one operation from N concurrent clients for a fixed time or a fixed number of requests, whichever comes
/// first, after a short unrecorded warm-up. Latencies go into one preallocated array, a slot per request, so
/// recording allocates nothing and needs no lock.
/// </summary>
internal sealed class LoadRunner(int maxRequests)
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);
    private readonly long[] _latencies = new long[maxRequests];

    /// <param name="call">One request; the argument is the request's sequence number (e.g. to pick an id).</param>
    public async Task<LoadResult> RunAsync(string operation, int concurrency, TimeSpan duration,
        Func<int, CancellationToken, Task> call, CancellationToken ct)
    {
        await RunWorkersAsync(concurrency, WarmUp, Math.Min(maxRequests, 10_000), call, record: false, ct);
        var errors = new ConcurrentDictionary<string, int>();
        var clock = Stopwatch.StartNew();
        var (requests, failed) = await RunWorkersAsync(concurrency, duration, maxRequests, call, record: true, ct, errors);
        clock.Stop();
        var latency = LatencyStats.FromTicks(_latencies.AsSpan(0, requests));
        return new LoadResult(operation, concurrency, requests, failed, clock.Elapsed, latency, errors);
    }

    private async Task<(int Requests, int Errors)> RunWorkersAsync(int concurrency, TimeSpan duration, int limit,
        Func<int, CancellationToken, Task> call, bool record, CancellationToken ct, ConcurrentDictionary<string, int>? errorKinds = null)
    {
        var issued = 0;
        var errors = 0;
        var clock = Stopwatch.StartNew();
        async Task Worker()
        {
            await Task.Yield();
            while (!ct.IsCancellationRequested && clock.Elapsed < duration)
            {
                var slot = Interlocked.Increment(ref issued) - 1;
                if (slot >= limit) break;
                var started = Stopwatch.GetTimestamp();
                long elapsed;
                try
                {
                    await call(slot, ct);
                    elapsed = Stopwatch.GetTimestamp() - started;
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception e) when (e is ApiException or HttpRequestException or OperationCanceledException)
                {
                    elapsed = -1;
                    Interlocked.Increment(ref errors);
                    errorKinds?.AddOrUpdate(Describe(e), 1, (_, n) => n + 1);
                }

                if (record) _latencies[slot] = elapsed;
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Worker()));
        return (Math.Min(issued, limit), errors);
    }

    private static string Describe(Exception e) => e switch
    {
        ApiException api => $"{api.Status} {api.Type ?? api.Title}",
        HttpRequestException http => $"{http.HttpRequestError}: {http.Message}",
        _ => "client timeout",
    };
}
