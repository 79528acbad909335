using System.Globalization;

namespace Vtis.EngineBench;

/// <summary>Markdown tables with invariant number formats; a missing figure prints as an em dash.</summary>
internal static class Markdown
{
    public const string Missing = "—";

    public static string Row(params string[] cells) => $"| {string.Join(" | ", cells)} |";

    public static string Rule(int columns) => Row([.. Enumerable.Repeat("---", columns)]);

    public static string F(string format, double value) =>
        double.IsNaN(value) || double.IsInfinity(value) ? Missing : value.ToString(format, CultureInfo.InvariantCulture);

    public static string Pct(double share) => double.IsNaN(share) ? Missing : F("0.0", 100 * share) + " %";

    public static string Pair(string format, double engine, double? baseline) =>
        baseline is { } b ? $"{F(format, engine)} / {F(format, b)}" : F(format, engine);

    public static string MB(long bytes) => bytes <= 0 ? Missing : F("0", bytes / 1_000_000.0);

    public static string I(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Verdict(bool? passed) => passed switch { true => "PASS", false => "FAIL", null => "FAIL (not measured)" };
}
