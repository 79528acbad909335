using System.Globalization;
using Vtis.GhostCut;

namespace Vtis.TestSupport;

/// <summary>
/// The ffmpeg filter that stands in for GhostCut's erasing: opaque boxes over the removal masks, or over the bottom
/// 20 % (where subtitles sit) when there is none, so a test can see the result differs from the input.
/// </summary>
internal static class MaskFilter
{
    private const string SubtitleBand = "drawbox=x=0:y=ih*0.8:w=iw:h=ih*0.2:color=black:t=fill";

    public static string For(IReadOnlyList<GhostCutMask> masks)
    {
        var boxes = masks.Where(mask => mask.Type != GhostCutMaskType.Keep).Select(Box).OfType<string>().ToList();
        return boxes.Count > 0 ? string.Join(',', boxes) : SubtitleBand;
    }

    private static string? Box(GhostCutMask mask)
    {
        var xs = mask.Region.Select(point => Math.Clamp(point[0], 0, 1)).ToList();
        var ys = mask.Region.Select(point => Math.Clamp(point[1], 0, 1)).ToList();
        var (left, top, right, bottom) = (xs.Min(), ys.Min(), xs.Max(), ys.Max());
        if (right <= left || bottom <= top)
        {
            // drawbox reads a zero size as "the whole frame", the opposite of an empty region.
            return null;
        }

        // "to_end" counts from an end the filter does not know; such a box simply runs to the end.
        var span = mask.End is { } end and < GhostCutMask.UntilEnd
            ? $"between(t,{Number(mask.Start)},{Number(end)})"
            : $"gte(t,{Number(mask.Start)})";
        return $"drawbox=x=iw*{Number(left)}:y=ih*{Number(top)}:w=iw*{Number(right - left)}:h=ih*{Number(bottom - top)}"
            + $":color=black:t=fill:enable='{span}'";
    }

    private static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
