using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace Vtis.ServiceModel;

/// <summary>
/// Validates a DTO against its data annotations, nested objects and collections included. The server and the
/// typed client both call this, so a rule is declared once on the DTO.
/// </summary>
public static class DtoValidator
{
    /// <summary>Field errors keyed by camelCase JSON path (e.g. <c>regions[0].x0</c>); empty when valid.</summary>
    public static Dictionary<string, string[]> Validate(object dto)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        Collect(dto, prefix: "", errors, depth: 0);
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }

    private static void Collect(object dto, string prefix, Dictionary<string, List<string>> errors, int depth)
    {
        if (depth > 8) return;
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(dto, new ValidationContext(dto), results, validateAllProperties: true);
        foreach (var result in results)
        {
            var members = result.MemberNames.Any() ? result.MemberNames : [""];
            foreach (var member in members)
            {
                var key = Join(prefix, CamelCase(member));
                if (!errors.TryGetValue(key, out var list)) errors[key] = list = [];
                list.Add(result.ErrorMessage ?? "Invalid value.");
            }
        }

        foreach (var property in dto.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || IsLeaf(property.PropertyType)) continue;
            var value = property.GetValue(dto);
            var path = Join(prefix, CamelCase(property.Name));
            if (value is IEnumerable items and not string)
            {
                var i = 0;
                foreach (var item in items)
                {
                    if (item is not null && !IsLeaf(item.GetType())) Collect(item, $"{path}[{i}]", errors, depth + 1);
                    i++;
                }
            }
            else if (value is not null)
            {
                Collect(value, path, errors, depth + 1);
            }
        }
    }

    private static bool IsLeaf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) ||
               type == typeof(Guid) || type == typeof(DateTime) || type == typeof(DateTimeOffset) ||
               type == typeof(TimeSpan) || type == typeof(Uri) ||
               (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>));
    }

    private static string Join(string prefix, string name) =>
        prefix.Length == 0 ? name : name.Length == 0 ? prefix : $"{prefix}.{name}";

    private static string CamelCase(string name) =>
        name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
