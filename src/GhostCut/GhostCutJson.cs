using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vtis.GhostCut;

/// <summary>
/// The serializer settings of the GhostCut wire format. Use them for anything signed: the signature covers the exact
/// bytes, so both sides of a test or a callback must serialise the same way.
/// </summary>
public static class GhostCutJson
{
    /// <summary>Compact output, null members omitted, names as declared on the protocol types.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
