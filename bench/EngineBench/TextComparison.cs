namespace Vtis.EngineBench;

/// <summary>
/// When a recognised string counts as the subtitle line: it shares a longest common subsequence of at least
/// max(3, 30 % of the line's length) characters with it. Case and spaces are ignored: the recogniser often
/// confuses case and drops spaces, and neither makes a line any less readable.
/// </summary>
internal static class TextComparison
{
    public const double Fraction = 0.3;

    public const int MinimumCharacters = 3;

    public static string Normalize(string text) =>
        string.Concat(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant));

    public static bool Reads(string lineComparable, string recognised)
    {
        var needed = Math.Max(MinimumCharacters, (int)Math.Ceiling(Fraction * lineComparable.Length));
        return LongestCommonSubsequence(lineComparable, Normalize(recognised)) >= needed;
    }

    public static int LongestCommonSubsequence(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0) return 0;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        foreach (var ca in a)
        {
            for (var j = 1; j <= b.Length; j++)
                current[j] = ca == b[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
