namespace Vtis.Engine;

/// <summary>Where an engine run spends its time, stage by stage, printed to stderr at the end of each run when the
/// environment variable <c>VTIS_ENGINE_TIMINGS</c> is set (for tuning; off, a stage costs one branch).</summary>
internal static class Timing
{
    private static readonly Dictionary<string, (double Total, int Calls)> Totals = [];
    private static readonly bool On = Environment.GetEnvironmentVariable("VTIS_ENGINE_TIMINGS") is not null;

    public static void Run(string stage, Action action)
    {
        if (!On)
        {
            action();
            return;
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        action();
        Add(stage, clock.Elapsed.TotalMilliseconds);
    }

    public static T Run<T>(string stage, Func<T> function)
    {
        if (!On) return function();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = function();
        Add(stage, clock.Elapsed.TotalMilliseconds);
        return result;
    }

    public static void Print()
    {
        if (!On) return;
        lock (Totals)
        {
            foreach (var (stage, (total, calls)) in Totals.OrderBy(t => t.Key))
                Console.Error.WriteLine($"timing {stage}: {total:F0} ms in {calls} calls, {total / Math.Max(1, calls):F2} ms each");
            Totals.Clear();
        }
    }

    public static void Add(string stage, double milliseconds)
    {
        lock (Totals)
        {
            var (total, calls) = Totals.GetValueOrDefault(stage);
            Totals[stage] = (total + milliseconds, calls + 1);
        }
    }
}
