using System.Globalization;

namespace Vtis.EngineBench;

/// <summary>Command-line settings: <c>--quick</c> (fewer, shorter clips), <c>--work DIR</c> (keep the generated media
/// there and reuse it on the next run), <c>--threads N</c> (engine and ffmpeg threads; 0, the default, means all cores).</summary>
internal sealed record BenchOptions(bool Quick, string? WorkDirectory, int Threads)
{
    public const string Usage = "usage: dotnet run -c Release --project bench/EngineBench -- [--quick] [--work DIR] [--threads N]";

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var quick = false;
        string? work = null;
        var threads = 0;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--quick": quick = true; continue;
                case "--work": work = value ?? throw new ArgumentException("--work needs a directory."); break;
                case "--threads": threads = Number(args[i], value, min: 0); break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }

            i++;
        }

        return new BenchOptions(quick, work is null ? null : Path.GetFullPath(work), threads);
    }

    public static int Number(string name, string? value, int min) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min
            ? number
            : throw new ArgumentException($"{name} needs a whole number of at least {min}.");
}
