using static Vtis.EngineBench.SubtitleLooks;

namespace Vtis.EngineBench;

/// <summary>
/// The clips of a run: two per category (one with <c>--quick</c>), drawn from the seed, so that no engine can be
/// tuned to one clip; then two long clips for speed, always the same so that speed figures compare across runs.
/// </summary>
internal static class ClipCatalog
{
    public const string SpeedCategory = "speed";

    public static IReadOnlyList<ClipSpec> For(BenchOptions options)
    {
        var perCategory = options.Quick ? 1 : 2;
        var seconds = options.Quick ? 2.0 : 4.0;
        var clips = Categories.All.Where(c => options.Includes(c.Name))
            .SelectMany(c => Enumerable.Range(1, perCategory).Select(n => c.Make(new ClipDraft(c, n, seconds, new ClipDice(options.Seed, c.Name, n)))))
            .ToList();
        if (options.Includes(SpeedCategory)) clips.AddRange(SpeedClips(options.Quick));
        return clips;
    }

    /// <summary>Speed clips are long, so that start-up (process, model load, filling the window) weighs little: 20 s at
    /// 720p and 10 s at 1080p (6 s and 3 s with <c>--quick</c>).</summary>
    private static IEnumerable<ClipSpec> SpeedClips(bool quick)
    {
        const int fps = ClipDraft.Fps;
        var seconds = quick ? 6.0 : 20.0;
        var classic = new SubtitleStyle($"{DejaVu}/DejaVuSans-Bold.ttf", 44, "white", Border: 3);
        var label = new SubtitleStyle($"{DejaVu}/DejaVuSans-Bold.ttf", 28, "0xffd040", Border: 2);
        var bottom = new Placement("(w-tw)/2", "h-th-50", "bottom centre, 50 px up");
        yield return new ClipSpec("speed-720p", SpeedCategory, Camera.Moving, 1280, 720, fps, seconds,
            Scenes.Photo("Kleiber_by_Lukas_Baubkus.jpg", Scenes.SceneWidth(1280), fps), new CameraPath(1.2, 1.5, 0.8, 0.2, 0.3, 0.7),
            [
                .. Consecutive(seconds, classic, bottom, TextPools.Latin[..6]),
                new SubtitleLine("NATURE 24", label, "40", "36", 0, seconds, "label top left"),
            ], SpeedOnly: true);
        yield return new ClipSpec("speed-1080p", SpeedCategory, Camera.Moving, 1920, 1080, fps, seconds / 2,
            Scenes.Photo("Infinite-Sea_by_Aury88.jpg", Scenes.SceneWidth(1920), fps), new CameraPath(1.15, 1.3, 0.2, 0.6, 0.5, 0.3),
            Consecutive(seconds / 2, classic with { Size = 64 }, bottom with { Y = "h-th-70", Where = "bottom centre, 70 px up" }, TextPools.Latin[..3]),
            SpeedOnly: true);
    }
}
