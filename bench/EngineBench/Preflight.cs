namespace Vtis.EngineBench;

/// <summary>What the bench needs before it starts. Missing fonts or models stop it with the step that installs them;
/// missing pictures only make it film ffmpeg sources instead, which it says with the apt-get line that would fix it.</summary>
internal static class Preflight
{
    public static string ModelDirectory => Path.Combine(AppContext.BaseDirectory, "models");

    public static void Check()
    {
        var missingFonts = new[] { ("fonts-dejavu-core", SubtitleLooks.LatinFonts), ("fonts-noto-cjk", SubtitleLooks.ChineseFonts) }
            .Where(p => p.Item2.Any(f => !File.Exists(f))).Select(p => p.Item1).ToList();
        if (missingFonts.Count > 0)
            throw new FileNotFoundException($"Fonts missing: apt-get install --no-install-recommends {string.Join(' ', missingFonts)}");
        if (!File.Exists(Path.Combine(ModelDirectory, TextRecognizer.ModelFile)))
            throw new FileNotFoundException($"No models in {ModelDirectory}: run `npm ci` in src/Engine/models, then build again.");
        var missing = Scenes.MissingPackages.ToList();
        if (missing.Count > 0)
            Console.WriteLine($"NOTE: pictures missing (apt-get install --no-install-recommends {string.Join(' ', missing)}); " +
                              "their clips film ffmpeg test sources instead, as the Clips section says.");
    }
}
