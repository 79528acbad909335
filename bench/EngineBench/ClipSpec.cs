namespace Vtis.EngineBench;

/// <summary>
/// A benchmark clip: a clean scene filmed by a virtual camera, plus the lines burned into its twin. A clip belongs to a
/// category (<see cref="Categories"/>); <see cref="SpeedOnly"/> clips are run through the engine for speed and memory
/// only, not scored.
/// </summary>
internal sealed record ClipSpec(
    string Name, string Category, Camera Camera, int Width, int Height, int Fps, double Seconds, SceneSource Scene, CameraPath? Path,
    IReadOnlyList<SubtitleLine> Lines, bool SpeedOnly = false)
{
    public int Frames => (int)Math.Round(Seconds * Fps);

    public string Resolution => $"{Width}x{Height}";

    /// <summary>The scene as seen by the camera: <c>[0:v]</c> in, one stream of upright yuv420p frames out.</summary>
    public string SceneFilter()
    {
        var camera = Path?.ZoomPan(Width, Height, Fps, Frames) ?? $"scale={Width}:{Height},fps={Fps}";
        return $"[0:v]{Scene.Chain},{camera},setsar=1,format=yuv420p";
    }

    /// <summary>The lines on top of the scene filter's output (<c>null</c>, the pass-through filter, when there are none).</summary>
    public string SubtitleFilter() => Lines.Count == 0 ? "null" : string.Join(',', Lines.Select(l => l.DrawText()));

    /// <summary>One line for the Clips section: everything chosen for this clip.</summary>
    public string Describe()
    {
        var camera = Path is null ? "" : $"{Path.Describe()}, ";
        var lines = Lines.Count == 0 ? "no text"
            : string.Join("; ", Lines.GroupBy(l => (l.Style.Describe(), l.Where)).Select(g =>
                $"{g.Count()} line{(g.Count() == 1 ? "" : "s")} {g.Key.Where}: {g.Key.Item1}" +
                (g.First().Frame is { } f ? $" in a {f.Width}x{f.Height} frame" : "")));
        return $"{Resolution} {Frames} frames, {Camera.ToString().ToLowerInvariant()} camera ({camera}{Scene.Description}); {lines}";
    }
}
