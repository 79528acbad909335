using System.Globalization;

namespace Vtis.EngineBench;

internal enum Camera
{
    Moving,
    Static,
}

/// <summary>
/// A camera move over the scene: zoom, and the view's position as a fraction (0..1) of the room left around it, from
/// the first frame to the last. Y going from 1 to 0 is an upward pan: the view rises, so the picture moves down.
/// </summary>
internal sealed record CameraPath(double Zoom0, double Zoom1, double X0, double X1, double Y0, double Y1)
{
    public static CameraPath Still(double zoom, double x, double y) => new(zoom, zoom, x, x, y, y);

    /// <summary>A pan and zoom with enough motion to matter: at least a fifth of the room crossed or zoom changed.</summary>
    public static CameraPath Moving(ClipDice dice, double minZoom = 1.1, double maxZoom = 1.6)
    {
        while (true)
        {
            var zoom0 = dice.Between(minZoom, maxZoom);
            var zoom1 = Math.Clamp(Math.Round(zoom0 + dice.Between(-0.3, 0.3), 2), 1.05, 1.8);
            var path = new CameraPath(zoom0, zoom1, dice.Between(0.0, 1.0), dice.Between(0.0, 1.0), dice.Between(0.0, 1.0), dice.Between(0.0, 1.0));
            if (Math.Abs(path.X1 - path.X0) + Math.Abs(path.Y1 - path.Y0) + 2 * Math.Abs(zoom1 - zoom0) >= 0.2) return path;
        }
    }

    /// <summary>A slow drift: little zoom change and a short pan.</summary>
    public static CameraPath Drift(ClipDice dice)
    {
        var zoom = dice.Between(1.15, 1.35);
        var x = dice.Between(0.2, 0.8);
        var y = dice.Between(0.2, 0.8);
        return new CameraPath(zoom, Math.Round(zoom + dice.Between(0.0, 0.06), 2), x, Math.Round(x + dice.Sign() * dice.Between(0.05, 0.15), 2), y, y);
    }

    public string ZoomPan(int width, int height, int fps, int frames) => string.Create(CultureInfo.InvariantCulture,
        $"zoompan=z='{Zoom0}+{Zoom1 - Zoom0:0.####}*on/{frames}':x='(iw-iw/zoom)*({X0}+{X1 - X0:0.####}*on/{frames})'" +
        $":y='(ih-ih/zoom)*({Y0}+{Y1 - Y0:0.####}*on/{frames})':d=1:s={width}x{height}:fps={fps}");

    public string Describe() => Zoom0 == Zoom1 && X0 == X1 && Y0 == Y1
        ? string.Create(CultureInfo.InvariantCulture, $"still at zoom {Zoom0:0.00}, view {X0:0.00},{Y0:0.00}")
        : string.Create(CultureInfo.InvariantCulture, $"zoom {Zoom0:0.00}->{Zoom1:0.00}, view x {X0:0.00}->{X1:0.00} y {Y0:0.00}->{Y1:0.00}");
}
