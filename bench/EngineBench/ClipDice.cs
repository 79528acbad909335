namespace Vtis.EngineBench;

/// <summary>
/// The random choices of one clip. Seeded from the run's seed, the category and the clip's number (with a hash that
/// does not change between processes, unlike <see cref="string.GetHashCode()"/>), so a clip comes out the same
/// whichever other categories run, and <c>--seed</c> gives other clips without touching the code.
/// </summary>
internal sealed class ClipDice(int seed, string category, int clip)
{
    private readonly Random _random = new(Mix(seed, category, clip));

    /// <summary>A number from <paramref name="min"/> to <paramref name="max"/>, rounded to <paramref name="decimals"/>
    /// so that what the Clips section prints is exactly what was drawn.</summary>
    public double Between(double min, double max, int decimals = 2) => Math.Round(min + (max - min) * _random.NextDouble(), decimals);

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, both included.</summary>
    public int Between(int min, int max) => _random.Next(min, max + 1);

    public bool Chance(double probability) => _random.NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary><paramref name="count"/> different items, in random order.</summary>
    public IReadOnlyList<T> Several<T>(IReadOnlyList<T> items, int count)
    {
        var shuffled = items.ToArray();
        _random.Shuffle(shuffled);
        return shuffled[..Math.Min(count, shuffled.Length)];
    }

    /// <summary>Minus or plus one.</summary>
    public int Sign() => _random.Next(2) == 0 ? -1 : 1;

    private static int Mix(int seed, string category, int clip)
    {
        // FNV-1a over the seed, the category's characters and the clip number.
        var hash = 2166136261u;
        foreach (var value in new[] { seed }.Concat(category.Select(c => (int)c)).Append(clip))
        {
            hash ^= (uint)value;
            hash *= 16777619u;
        }

        return (int)(hash & 0x7fffffff);
    }
}
