using System.Globalization;
using Vtis.Engine;

namespace Vtis.EngineBench;

/// <summary><c>Name=Value</c> settings of <see cref="EngineOptions"/> given on the bench's command line.</summary>
internal static class EngineSettings
{
    public static EngineOptions Apply(EngineOptions options, IEnumerable<string> settings)
    {
        foreach (var setting in settings)
        {
            var eq = setting.IndexOf('=', StringComparison.Ordinal);
            var property = eq > 0 ? typeof(EngineOptions).GetProperty(setting[..eq]) : null;
            if (property is not { CanWrite: true })
                throw new ArgumentException($"--set {setting}: not Name=Value with a setting of EngineOptions.");
            var text = setting[(eq + 1)..];
            try
            {
                property.SetValue(options, property.PropertyType.IsEnum
                    ? Enum.Parse(property.PropertyType, text, ignoreCase: true)
                    : Convert.ChangeType(text, property.PropertyType, CultureInfo.InvariantCulture));
            }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidCastException or OverflowException)
            {
                throw new ArgumentException($"--set {setting}: '{text}' is not a {property.PropertyType.Name}.", e);
            }
        }

        return options;
    }
}
