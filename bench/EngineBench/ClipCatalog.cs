namespace Vtis.EngineBench;

/// <summary>
/// The benchmark's clips: moving-camera scenes (the quality target is about them), one static camera, and a
/// 1080p clip for speed. Photographs come from Debian's lomiri-wallpapers-20.04; without it the same camera moves
/// film ffmpeg test sources instead.
/// </summary>
internal static class ClipCatalog
{
    public const string PhotoPackage = "lomiri-wallpapers-20.04";

    public const string BirdPhoto = "/usr/share/backgrounds/Kleiber_by_Lukas_Baubkus.jpg";

    public const string SeaPhoto = "/usr/share/backgrounds/Infinite-Sea_by_Aury88.jpg";

    private const int Fps = 30;

    private const string Bottom = "h-th-50";

    private const string Centre = "(w-tw)/2";

    private static readonly SubtitleStyle Classic = new("DejaVuSans-Bold", 44, "white", Border: 3);
    private static readonly SubtitleStyle Serif = new("DejaVuSerif", 40, "yellow", Border: 2);
    private static readonly SubtitleStyle Typewriter = new("DejaVuSansMono-Bold", 36, "white", Border: 1, Shadow: 3);
    private static readonly SubtitleStyle Caption = new("DejaVuSans", 34, "0x66ff66", Border: 3);
    private static readonly SubtitleStyle Poster = new("DejaVuSerif-Bold", 50, "white", Border: 4, BorderColour: "0x102060");
    private static readonly SubtitleStyle Label = new("DejaVuSans-Bold", 28, "0xffd040", Border: 2);
    private static readonly SubtitleStyle Alert = new("DejaVuSansMono", 30, "0xff3030", Border: 2, BorderColour: "white");

    public static bool PhotosInstalled => File.Exists(BirdPhoto) && File.Exists(SeaPhoto);

    public static IReadOnlyList<ClipSpec> For(bool quick)
    {
        var seconds = quick ? 2.0 : 4.0;
        var photos = PhotosInstalled;
        var bird = photos ? SceneSource.Photo(BirdPhoto, Fps) : SceneSource.Life(Fps);
        var sea = photos ? SceneSource.Photo(SeaPhoto, Fps) : SceneSource.TestPattern(Fps);
        var clips = new List<ClipSpec>
        {
            new("pan-zoom", Camera.Moving, 1280, 720, Fps, seconds, bird, new CameraPath(1.1, 1.4, 0.15, 0.75, 0.4, 0.6),
            [
                .. Consecutive(seconds, Classic, Centre, Bottom, "The river was quiet that morning", "We have to leave before sunrise",
                    "Nobody saw the second train"),
                new("NATURE 24", Label, "40", "36", 0, seconds),
            ]),
            new("zoom-out", Camera.Moving, 1280, 720, Fps, seconds, sea, new CameraPath(1.6, 1.15, 0.3, 0.5, 0.2, 0.7),
            [
                .. Consecutive(seconds, Serif, Centre, "h-th-100", "She kept the letter for years", "Our guests arrive on Friday"),
                .. Consecutive(seconds, Serif, Centre, "h-th-45", "and never opened it again", "so clean the spare room"),
            ]),
            new("mandelbrot", Camera.Moving, 1280, 720, Fps, seconds, SceneSource.Mandelbrot(1280, 720, Fps), null,
            [
                .. Consecutive(seconds, Typewriter, Centre, "60", "Episode 12 The long winter", "Five minutes until the doors close"),
                new("Breaking news from the harbour", Caption, "w*0.45-t*70", "h*0.72", 0, seconds),
            ]),
        };
        if (!quick)
        {
            clips.Add(new("pattern-pan", Camera.Moving, 1280, 720, Fps, seconds, SceneSource.TestPattern(Fps),
                new CameraPath(1.25, 1.25, 0.1, 0.9, 0.8, 0.2),
                Consecutive(seconds, Poster, "60", "h*0.62", "Turn left at the old bridge", "Hold on to the railing", "Where did you park the car")));
        }

        clips.Add(new("static", Camera.Static, 1280, 720, Fps, seconds, bird, CameraPath.Still(1.3, 0.35, 0.5),
        [
            .. Consecutive(seconds, Classic, Centre, Bottom, "The market opens at nine", "Call me when you land",
                "Keep the lights on tonight", "The storm passed over the hills"),
            new("LIVE", Alert, "w-tw-40", "40", 0, seconds),
        ]));
        // Speed clips are longer, so that start-up (model load, process start, filling the window) weighs little.
        var speedSeconds = quick ? 6.0 : 20.0;
        clips.Add(new("speed-720p", Camera.Moving, 1280, 720, Fps, speedSeconds, bird, new CameraPath(1.2, 1.5, 0.8, 0.2, 0.3, 0.7),
        [
            .. Consecutive(speedSeconds, Classic, Centre, Bottom, "Every road leads to the coast", "Let us try that once more",
                "The bakery closes early on Sundays", "Bring a coat it gets cold at night", "We met at the station in winter",
                "Nobody answered the phone"),
            new("NATURE 24", Label, "40", "36", 0, speedSeconds),
        ], SpeedOnly: true));
        clips.Add(new("speed-1080p", Camera.Moving, 1920, 1080, Fps, speedSeconds / 2, sea, new CameraPath(1.15, 1.3, 0.2, 0.6, 0.5, 0.3),
            Consecutive(speedSeconds / 2, Classic with { Size = 64 }, Centre, "h-th-70", "Every road leads to the coast", "Let us try that once more",
                "The bakery closes early on Sundays"),
            SpeedOnly: true));
        return clips;
    }

    /// <summary>Lines shown one after another over the clip, with a short gap so a viewer sees each change.</summary>
    private static SubtitleLine[] Consecutive(double seconds, SubtitleStyle style, string x, string y, params string[] texts)
    {
        var slot = seconds / texts.Length;
        return [.. texts.Select((text, i) => new SubtitleLine(text, style, x, y, Math.Round(i * slot, 3), Math.Round((i + 1) * slot - 0.1, 3)))];
    }
}
