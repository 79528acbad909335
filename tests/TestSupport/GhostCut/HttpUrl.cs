using System.Diagnostics.CodeAnalysis;

namespace Vtis.TestSupport;

/// <summary>The only URLs the simulator fetches from or calls back to: absolute http and https.</summary>
internal static class HttpUrl
{
    public static bool TryParse(string text, [NotNullWhen(true)] out Uri? uri) =>
        Uri.TryCreate(text, UriKind.Absolute, out uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
