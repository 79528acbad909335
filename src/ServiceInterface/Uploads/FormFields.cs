using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Jobs;
using Vtis.ServiceModel;

namespace Vtis.ServiceInterface.Uploads;

/// <summary>Fills a <see cref="FileUploadAttribute"/> DTO from the multipart form's other fields (JSON for complex
/// properties) and validates it with the DTO's own rules.</summary>
public static class FormFields
{
    public static void Bind(object dto, IReadOnlyDictionary<string, string> fields)
    {
        foreach (var property in dto.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (!fields.TryGetValue(name, out var text) || string.IsNullOrWhiteSpace(text)) continue;
            try
            {
                var value = property.PropertyType == typeof(string)
                    ? text
                    : JsonSerializer.Deserialize(text, property.PropertyType, JobViews.ConfigJson);
                property.SetValue(dto, value);
            }
            catch (JsonException e)
            {
                throw Problems.Field(name, $"The field '{name}' is not valid JSON for this operation: {e.Message}");
            }
        }

        var errors = DtoValidator.Validate(dto);
        if (errors.Count > 0)
            throw new ProblemException(StatusCodes.Status400BadRequest, "validation", "One or more fields are invalid.") { Errors = errors };
    }
}
