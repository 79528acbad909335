using System.Globalization;

namespace Vtis.EngineBench;

/// <summary>Command-line settings: <c>--quick</c> (fewer, shorter clips), <c>--work DIR</c> (keep the generated media
/// there and reuse it on the next run), <c>--threads N</c> (engine and ffmpeg threads; 0, the default, means all cores),
/// <c>--clips a,b</c> (only these clips), <c>--set Name=Value</c> (an <see cref="Vtis.Engine.EngineOptions"/> setting for
/// the engine runs, repeatable, to compare tunings).</summary>
internal sealed record BenchOptions(bool Quick, string? WorkDirectory, int Threads, IReadOnlyList<string> Clips, IReadOnlyList<string> EngineSettings)
{
    public const string Usage =
        "usage: dotnet run -c Release --project bench/EngineBench -- [--quick] [--work DIR] [--threads N] [--clips a,b] [--set Name=Value]...";

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var quick = false;
        string? work = null;
        var threads = 0;
        var clips = new List<string>();
        var settings = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--quick": quick = true; continue;
                case "--work": work = value ?? throw new ArgumentException("--work needs a directory."); break;
                case "--threads": threads = Number(args[i], value, min: 0); break;
                case "--clips": clips.AddRange((value ?? throw new ArgumentException("--clips needs clip names.")).Split(',', StringSplitOptions.RemoveEmptyEntries)); break;
                case "--set":
                    settings.Add(value ?? throw new ArgumentException("--set needs Name=Value."));
                    Vtis.EngineBench.EngineSettings.Apply(new Vtis.Engine.EngineOptions(), [value]); // refuse a bad one before any work
                    break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }

            i++;
        }

        return new BenchOptions(quick, work is null ? null : Path.GetFullPath(work), threads, clips, settings);
    }

    public static int Number(string name, string? value, int min) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min
            ? number
            : throw new ArgumentException($"{name} needs a whole number of at least {min}.");
}
