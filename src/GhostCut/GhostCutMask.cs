using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vtis.GhostCut;

/// <summary>What GhostCut does inside a mask.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GhostCutMaskType>))]
public enum GhostCutMaskType
{
    /// <summary>Erase the whole box (logos, stickers).</summary>
    [JsonStringEnumMemberName("remove")]
    Remove,

    /// <summary>Erase only the text found inside the box.</summary>
    [JsonStringEnumMemberName("remove_only_ocr")]
    RemoveOnlyOcr,

    /// <summary>Protect the box from automatic removal.</summary>
    [JsonStringEnumMemberName("keep")]
    Keep,
}

/// <summary>
/// One region of <see cref="GhostCutWorkRequest.VideoInpaintMasks"/>: four points (top-left, top-right,
/// bottom-right, bottom-left) relative to the frame (0..1, origin top-left, y down) over a time span in seconds.
/// </summary>
public sealed record GhostCutMask
{
    /// <summary>The <see cref="End"/> GhostCut reads as "to the end of the video".</summary>
    public const double UntilEnd = 99999;

    /// <summary>What to do inside the region.</summary>
    [JsonPropertyName("type")]
    public required GhostCutMaskType Type { get; init; }

    /// <summary>Start, in seconds from the beginning.</summary>
    [JsonPropertyName("start")]
    public double Start { get; init; }

    /// <summary>End, in seconds from the beginning; <see cref="UntilEnd"/> for the whole video.</summary>
    [JsonPropertyName("end")]
    public double? End { get; init; }

    /// <summary>Alternative to <see cref="End"/>: seconds before the end of the video.</summary>
    [JsonPropertyName("to_end")]
    public double? ToEnd { get; init; }

    /// <summary>Four <c>[x, y]</c> points, clockwise from top-left.</summary>
    [JsonPropertyName("region")]
    public required IReadOnlyList<IReadOnlyList<double>> Region { get; init; }

    /// <summary>A rectangular mask from relative edges.</summary>
    /// <param name="type">What to do inside the box.</param>
    /// <param name="left">Left edge, 0..1.</param>
    /// <param name="top">Top edge, 0..1.</param>
    /// <param name="right">Right edge, 0..1.</param>
    /// <param name="bottom">Bottom edge, 0..1.</param>
    /// <param name="start">Start in seconds.</param>
    /// <param name="end">End in seconds; the whole video by default.</param>
    /// <returns>The mask.</returns>
    public static GhostCutMask Box(GhostCutMaskType type, double left, double top, double right, double bottom,
        double start = 0, double end = UntilEnd) => new()
        {
            Type = type,
            Start = start,
            End = end,
            Region = [[left, top], [right, top], [right, bottom], [left, bottom]],
        };

    /// <summary>Serialises masks into the string that <see cref="GhostCutWorkRequest.VideoInpaintMasks"/> carries.</summary>
    /// <param name="masks">The masks, in the order GhostCut should apply them.</param>
    /// <returns>A JSON array as a string.</returns>
    public static string ToField(IEnumerable<GhostCutMask> masks) =>
        JsonSerializer.Serialize(masks, GhostCutJson.Options);

    /// <summary>Reads the masks back from a <see cref="GhostCutWorkRequest.VideoInpaintMasks"/> string.</summary>
    /// <param name="field">The field value; <see langword="null"/> or blank means no masks.</param>
    /// <returns>The masks.</returns>
    /// <exception cref="JsonException">The field is not a JSON array of masks.</exception>
    public static IReadOnlyList<GhostCutMask> ParseField(string? field) =>
        string.IsNullOrWhiteSpace(field)
            ? []
            : JsonSerializer.Deserialize<List<GhostCutMask>>(field, GhostCutJson.Options) ?? [];
}
