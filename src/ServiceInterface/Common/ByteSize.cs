using System.Globalization;

namespace Vtis.ServiceInterface.Common;

/// <summary>Sizes as people read them in messages: "512 KiB", "1.5 MiB", "2 GiB" (never "0 MiB").</summary>
public static class ByteSize
{
    private static readonly string[] Units = ["bytes", "KiB", "MiB", "GiB", "TiB"];

    public static string Format(long bytes)
    {
        if (bytes < 1024) return bytes == 1 ? "1 byte" : $"{bytes.ToString(CultureInfo.InvariantCulture)} bytes";
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        // One decimal below 10 units (1.5 MiB), none above (640 MiB); a whole number shows no ".0".
        var text = value < 10 ? Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture) : Math.Round(value).ToString("0", CultureInfo.InvariantCulture);
        return $"{text} {Units[unit]}";
    }
}
