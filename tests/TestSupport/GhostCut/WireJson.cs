using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vtis.GhostCut;

namespace Vtis.TestSupport;

/// <summary>Serialises what the simulator sends, optionally with ids as numeric strings.</summary>
internal static class WireJson
{
    public static byte[] Serialize<T>(T value, bool idsAsStrings)
    {
        if (!idsAsStrings)
        {
            return JsonSerializer.SerializeToUtf8Bytes(value, GhostCutJson.Options);
        }

        var node = JsonSerializer.SerializeToNode(value, GhostCutJson.Options);
        QuoteIds(node);
        return Encoding.UTF8.GetBytes(node?.ToJsonString() ?? "null");
    }

    private static void QuoteIds(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject properties:
                foreach (var (name, child) in properties.ToList())
                {
                    if (name is "id" or "idProject" && child is JsonValue value && value.TryGetValue<long>(out var id))
                    {
                        properties[name] = id.ToString(CultureInfo.InvariantCulture);
                    }
                    else
                    {
                        QuoteIds(child);
                    }
                }

                break;
            case JsonArray items:
                foreach (var child in items)
                {
                    QuoteIds(child);
                }

                break;
        }
    }
}
