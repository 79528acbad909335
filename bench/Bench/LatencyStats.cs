using System.Diagnostics;

namespace Vtis.Bench;

/// <summary>Percentiles (nearest rank) of request latencies recorded as <see cref="Stopwatch"/> ticks.</summary>
internal readonly record struct LatencyStats(int Count, double P50Ms, double P95Ms, double P99Ms, double MaxMs)
{
    /// <summary>Sorts <paramref name="ticks"/> in place; negative entries (failed requests) are left out.</summary>
    public static LatencyStats FromTicks(Span<long> ticks)
    {
        ticks.Sort();
        var first = 0;
        while (first < ticks.Length && ticks[first] < 0) first++;
        var ok = ticks[first..];
        if (ok.IsEmpty) return default;
        return new LatencyStats(ok.Length, Ms(At(ok, 0.50)), Ms(At(ok, 0.95)), Ms(At(ok, 0.99)), Ms(ok[^1]));
    }

    public static LatencyStats FromDurations(IEnumerable<TimeSpan> durations)
    {
        var ticks = durations.Select(d => d.Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond).ToArray();
        return FromTicks(ticks);
    }

    private static long At(ReadOnlySpan<long> sorted, double percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
