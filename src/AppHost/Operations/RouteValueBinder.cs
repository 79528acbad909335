using System.ComponentModel;
using System.Reflection;

namespace Vtis.AppHost.Operations;

/// <summary>Copies route values (e.g. <c>{id}</c>) onto a DTO read from the body, so one DTO carries the whole request.</summary>
public static class RouteValueBinder
{
    public static void Apply(object dto, RouteValueDictionary values)
    {
        foreach (var (name, value) in values)
        {
            if (value is not string text) continue;
            var property = dto.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is not { CanWrite: true }) continue;
            var converter = TypeDescriptor.GetConverter(property.PropertyType);
            try
            {
                property.SetValue(dto, converter.ConvertFromInvariantString(text));
            }
            catch (Exception e) when (e is FormatException or NotSupportedException or ArgumentException)
            {
                throw new BadHttpRequestException($"Route value '{name}' is not a valid {property.PropertyType.Name}.", e);
            }
        }
    }
}
