using System.Globalization;

namespace Vtis.EngineBench;

/// <summary>Command-line settings: <c>--quick</c> (one short clip per category, short speed clips), <c>--work DIR</c>
/// (keep the generated media there and reuse it on the next run), <c>--threads N</c> (engine and ffmpeg threads; 0, the
/// default, means all cores), <c>--categories a,b</c> (only these categories; <c>speed</c> names the speed clips),
/// <c>--seed N</c> (the clips' random parameters), <c>--strips DIR</c> (before/after PNGs per category),
/// <c>--set Name=Value</c> (an <see cref="Vtis.Engine.EngineOptions"/> setting for the engine runs, repeatable).</summary>
internal sealed record BenchOptions(
    bool Quick, string? WorkDirectory, int Threads, IReadOnlyList<string> Categories, int Seed, string? StripsDirectory,
    IReadOnlyList<string> EngineSettings)
{
    /// <summary>Issue 17 asked for this benchmark; any fixed number would do, as long as runs can be compared.</summary>
    public const int DefaultSeed = 17;

    public const string Usage =
        "usage: dotnet run -c Release --project bench/EngineBench -- [--quick] [--work DIR] [--threads N] [--categories a,b] " +
        "[--seed N] [--strips DIR] [--set Name=Value]...";

    public int EffectiveThreads => Threads > 0 ? Threads : Environment.ProcessorCount;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var quick = false;
        string? work = null, strips = null;
        var threads = 0;
        var seed = DefaultSeed;
        var categories = new List<string>();
        var settings = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--quick": quick = true; continue;
                case "--work": work = value ?? throw new ArgumentException("--work needs a directory."); break;
                case "--strips": strips = value ?? throw new ArgumentException("--strips needs a directory."); break;
                case "--threads": threads = Number(args[i], value, min: 0); break;
                case "--seed": seed = Number(args[i], value, min: 0); break;
                case "--categories":
                    categories.AddRange((value ?? throw new ArgumentException("--categories needs category names.")).Split(',', StringSplitOptions.RemoveEmptyEntries));
                    break;
                case "--set":
                    settings.Add(value ?? throw new ArgumentException("--set needs Name=Value."));
                    Vtis.EngineBench.EngineSettings.Apply(new Vtis.Engine.EngineOptions(), [value]); // refuse a bad one before any work
                    break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }

            i++;
        }

        var unknown = categories.Where(c => c != ClipCatalog.SpeedCategory && !Vtis.EngineBench.Categories.All.Any(k => k.Name == c)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"No category is named {string.Join(", ", unknown)}; the categories are " +
                                        $"{string.Join(", ", Vtis.EngineBench.Categories.All.Select(c => c.Name))} and {ClipCatalog.SpeedCategory}.");
        return new BenchOptions(quick, Full(work), threads, categories, seed, Full(strips), settings);
    }

    public bool Includes(string category) => Categories.Count == 0 || Categories.Contains(category);

    public static int Number(string name, string? value, int min) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min
            ? number
            : throw new ArgumentException($"{name} needs a whole number of at least {min}.");

    private static string? Full(string? path) => path is null ? null : Path.GetFullPath(path);
}
