using System.Globalization;

namespace Vtis.EngineBench;

internal enum Camera
{
    Moving,
    Static,
}

/// <summary>
/// A benchmark clip: a clean scene filmed by a virtual camera, plus the subtitle lines burned into its twin.
/// <see cref="SpeedOnly"/> clips are run once through the engine for speed and memory, without the baseline.
/// </summary>
internal sealed record ClipSpec(
    string Name, Camera Camera, int Width, int Height, int Fps, double Seconds, SceneSource Scene, CameraPath? Path,
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

    /// <summary>The subtitles on top of the scene filter's output.</summary>
    public string SubtitleFilter() => string.Join(',', Lines.Select(l => l.DrawText()));
}

/// <summary>What the camera films: a still photograph or an ffmpeg test source, prepared as an endless stream.</summary>
internal sealed record SceneSource(string Description, IReadOnlyList<string> Input, string Chain)
{
    /// <summary>A photograph, decoded once and repeated (image2 would decode the JPEG again for every frame).</summary>
    public static SceneSource Photo(string path, int fps) => new(
        System.IO.Path.GetFileName(path),
        ["-framerate", Invariant(fps), "-i", path],
        "scale=2400:-2,setsar=1,loop=loop=-1:size=1:start=0");

    /// <summary>testsrc2 without its top-left clock: real text in the clean clip would be scored as the engine's error.</summary>
    public static SceneSource TestPattern(int fps) => new(
        "ffmpeg testsrc2",
        ["-f", "lavfi", "-i", $"testsrc2=s=1920x1080:r={Invariant(fps)}"],
        "crop=1680:945:240:135");

    /// <summary>Conway's life in large cells: content that changes every frame, unlike a photograph.</summary>
    public static SceneSource Life(int fps) => new(
        "ffmpeg life",
        ["-f", "lavfi", "-i", $"life=s=480x270:r={Invariant(fps)}:mold=10:ratio=0.12:seed=7:death_color=#1a2040:life_color=#70c8ff:mold_color=#305080"],
        "scale=1920:1080:flags=neighbor");

    /// <summary>The Mandelbrot set zooming in by itself: the camera motion is in the source.</summary>
    public static SceneSource Mandelbrot(int width, int height, int fps) => new(
        "ffmpeg mandelbrot",
        ["-f", "lavfi", "-i", $"mandelbrot=s={width}x{height}:r={Invariant(fps)}:maxiter=1500:end_pts=300:end_scale=0.05"],
        "null");

    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A camera move over the scene: zoom and the view's position (0..1 of the free room) from first to last frame.</summary>
internal sealed record CameraPath(double Zoom0, double Zoom1, double X0, double X1, double Y0, double Y1)
{
    public static CameraPath Still(double zoom, double x, double y) => new(zoom, zoom, x, x, y, y);

    public string ZoomPan(int width, int height, int fps, int frames) => string.Create(CultureInfo.InvariantCulture,
        $"zoompan=z='{Zoom0}+{Zoom1 - Zoom0}*on/{frames}':x='(iw-iw/zoom)*({X0}+{X1 - X0}*on/{frames})'" +
        $":y='(ih-ih/zoom)*({Y0}+{Y1 - Y0}*on/{frames})':d=1:s={width}x{height}:fps={fps}");
}
