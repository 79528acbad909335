using System.Globalization;

namespace Vtis.EngineBench;

/// <summary>What the camera films: a still picture prepared as an endless stream, or an ffmpeg source.</summary>
internal sealed record SceneSource(string Description, IReadOnlyList<string> Input, string Chain)
{
    /// <summary>A picture cropped to 16:9 at <paramref name="width"/> pixels wide, decoded once and repeated (image2 would
    /// decode the file again for every frame). Cropped rather than squeezed: the camera must not distort it.</summary>
    public static SceneSource Photo(string path, int width, int fps) => new(
        Path.GetFileName(path),
        ["-framerate", Invariant(fps), "-i", path],
        $"{Fit(width)},loop=loop=-1:size=1:start=0");

    /// <summary>A small texture tiled <paramref name="columns"/> by <paramref name="rows"/> into a large canvas: the first
    /// frame repeated as many times as there are tiles, laid out by the tile filter.</summary>
    public static SceneSource Tiled(string path, int columns, int rows, int width, int fps) => new(
        $"{Path.GetFileName(path)} tiled {columns}x{rows}",
        ["-framerate", Invariant(fps), "-i", path],
        $"loop=loop={columns * rows - 1}:size=1:start=0,tile={columns}x{rows},{Fit(width)},loop=loop=-1:size=1:start=0");

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

    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Fit(int width)
    {
        var height = width * 9 / 16 / 2 * 2;
        return $"scale={width}:{height}:force_original_aspect_ratio=increase,crop={width}:{height},setsar=1";
    }
}

/// <summary>
/// The pictures the clips film: photographs and graphics from Debian's wallpaper packages and mypaint's paper
/// textures. Without a package its pictures are replaced by ffmpeg sources, and the preflight says which to install.
/// </summary>
internal static class Scenes
{
    public const string Backgrounds = "/usr/share/backgrounds";

    public const string Cork = "/usr/share/mypaint/backgrounds/ramon/HR_Cork.png";

    /// <summary>Each package with one of its files, to tell whether it is installed.</summary>
    public static readonly (string Package, string File)[] Packages =
    [
        ("lomiri-wallpapers-20.04", $"{Backgrounds}/Kleiber_by_Lukas_Baubkus.jpg"),
        ("lomiri-wallpapers-16.04", $"{Backgrounds}/life_by_Aitzol_Berasategi.jpg"),
        ("ukui-wallpapers", $"{Backgrounds}/rhythm.jpg"),
        ("mypaint-data-extras", Cork),
    ];

    /// <summary>Landscape photographs with detail for the camera to move over (portraits and pictures showing text left out).</summary>
    public static readonly string[] Photographs =
    [
        "Kleiber_by_Lukas_Baubkus.jpg", "Infinite-Sea_by_Aury88.jpg", "Bridge_by_Sander_Klootwijk.jpg", "Dragonfly_by_Bolly.jpg",
        "Picture_0B_by_freespace.jpg", "Picture_1A_by_freespace.jpg", "aitzgorri_by_Aitzol_Berasategi.jpg", "life_by_Aitzol_Berasategi.jpg",
        "picosdeeuropa_by_Aitzol_Berasategi.jpg", "sunset_by_Aitzol_Berasategi.jpg", "seeding_by_Clements_Engelhardt.jpg",
        "free_by_Peter_Nerlich.jpg", "greentock_by_Peter_Nerlich.jpg",
    ];

    /// <summary>Drawn wallpapers: flat colours, ribbons and smooth gradients, the easy case for spatial inpainting.</summary>
    public static readonly string[] Graphics =
    [
        "Painting-Colors_by__herobrine7gamer.jpg", "Fossa_by_Jasper_Roks.jpg", "rhythm.jpg", "string.jpg", "goldfish.png", "2004default.jpg", "calla.png",
    ];

    /// <summary>Photographs whose detail is fine all over: rocks, a pattern, seed heads, leaves.</summary>
    public static readonly string[] Textures =
    [
        "life_by_Aitzol_Berasategi.jpg", "analogpattern_by_Peter_Nerlich.jpg", "seeding_by_Clements_Engelhardt.jpg", "Dragonfly_by_Bolly.jpg",
    ];

    public static IEnumerable<string> MissingPackages => Packages.Where(p => !File.Exists(p.File)).Select(p => p.Package);

    /// <summary>A picture of <see cref="Backgrounds"/>, or an ffmpeg source when its package is missing.</summary>
    public static SceneSource Photo(string name, int width, int fps) =>
        Or(Path.Combine(Backgrounds, name), fps, path => SceneSource.Photo(path, width, fps));

    /// <summary>mypaint's 512-pixel cork tiled 5 by 3, so the camera never reaches its edge.</summary>
    public static SceneSource TiledCork(int width, int fps) => Or(Cork, fps, path => SceneSource.Tiled(path, 5, 3, width, fps));

    /// <summary>How wide the picture is prepared for a clip of <paramref name="clipWidth"/>: room to zoom without blurring.</summary>
    public static int SceneWidth(int clipWidth) => Math.Max(2400, clipWidth * 3 / 2);

    private static SceneSource Or(string path, int fps, Func<string, SceneSource> make)
    {
        if (File.Exists(path)) return make(path);
        var fallback = path.Length % 2 == 0 ? SceneSource.Life(fps) : SceneSource.TestPattern(fps);
        return fallback with { Description = $"{fallback.Description} (instead of the missing {Path.GetFileName(path)})" };
    }
}
