using System.Text.Json.Serialization;

namespace Vtis.GhostCut;

/// <summary>Body of <see cref="GhostCutPaths.CreateWork"/>: one text-removal work per URL.</summary>
public sealed record GhostCutWorkRequest
{
    /// <summary>Most URLs GhostCut accepts in one call.</summary>
    public const int MaxUrls = 20;

    /// <summary>Publicly reachable input video URLs (at most <see cref="MaxUrls"/>).</summary>
    [JsonPropertyName("urls")]
    public required IReadOnlyList<string> Urls { get; init; }

    /// <summary>Work names, in the order of <see cref="Urls"/>.</summary>
    [JsonPropertyName("names")]
    public IReadOnlyList<string>? Names { get; init; }

    /// <summary><c>480p</c>, <c>720p</c> or <c>1080p</c> (GhostCut's default; it never upscales).</summary>
    [JsonPropertyName("resolution")]
    public string? Resolution { get; init; }

    /// <summary>URL GhostCut POSTs the work row to when the work reaches a final state.</summary>
    [JsonPropertyName("callback")]
    public string? Callback { get; init; }

    /// <summary>Sub-account id; <see cref="GhostCutOptions.Uid"/> fills it when absent.</summary>
    [JsonPropertyName("uid")]
    public string? Uid { get; init; }

    /// <summary>1 = full-frame automatic removal (<c>keep</c> masks protect areas); 2 = only inside the masks.</summary>
    [JsonPropertyName("needChineseOcclude")]
    public int? NeedChineseOcclude { get; init; }

    /// <summary>Text language: <c>all</c>, <c>zh</c>, <c>en</c>, <c>ja</c>, <c>ko</c> or <c>ar</c>.</summary>
    [JsonPropertyName("videoInpaintLang")]
    public string? VideoInpaintLang { get; init; }

    /// <summary>A string holding a JSON array of masks; build it with <see cref="GhostCutMask.ToField"/>.</summary>
    [JsonPropertyName("videoInpaintMasks")]
    public string? VideoInpaintMasks { get; init; }

    /// <summary>A string holding a JSON object, e.g. <c>{"extra_inpaint_config":{"model":"advanced_lite"}}</c>.</summary>
    [JsonPropertyName("extraOptions")]
    public string? ExtraOptions { get; init; }
}
