using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vtis.GhostCut;

/// <summary>
/// Reads a GhostCut id sent either as a JSON number or as a numeric string (both shapes occur in the wild) and
/// writes it as a number, the shape GhostCut documents.
/// </summary>
public sealed class GhostCutIdConverter : JsonConverter<long>
{
    /// <inheritdoc />
    public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Number => reader.GetInt64(),
            JsonTokenType.String when long.TryParse(reader.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) => id,
            _ => throw new JsonException($"A GhostCut id must be a number or a numeric string, not {reader.TokenType}."),
        };

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value);
}
