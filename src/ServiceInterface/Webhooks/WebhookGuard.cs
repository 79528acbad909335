using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Vtis.ServiceInterface.Common;

namespace Vtis.ServiceInterface.Webhooks;

/// <summary>
/// Server-side request forgery guard for webhook URLs: http(s) only; every address the host resolves to must be
/// public (no loopback, private, link-local or metadata address), checked when an endpoint is registered and again on
/// every connection (so a name re-pointed at a private address later still fails). Redirects are never followed.
/// <see cref="WebhookOptions.AllowedHosts"/> names exceptions.
/// </summary>
public sealed class WebhookGuard(IOptions<WebhookOptions> options)
{
    public const string HttpClientName = "webhooks";

    private readonly HashSet<string> _names = new(options.Value.AllowedHosts.Where(h => !IsNetwork(h)), StringComparer.OrdinalIgnoreCase);
    private readonly IPNetwork[] _networks = Networks.ParseAll(options.Value.AllowedHosts.Where(IsNetwork), "Webhooks:AllowedHosts");

    /// <summary>Refuses (422) a URL events must not be sent to, saying why.</summary>
    public async Task CheckAsync(string url, CancellationToken ct)
    {
        if (!OutboundGuard.IsHttpUrl(url, out var uri)) throw Refused("The URL must be http or https.");
        if (_names.Contains(uri.IdnHost)) return;
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.IdnHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.IdnHost, ct);
        }
        catch (SocketException)
        {
            throw Refused($"'{uri.Host}' does not resolve.");
        }
        if (addresses.Length == 0) throw Refused($"'{uri.Host}' does not resolve.");
        if (addresses.FirstOrDefault(a => !IsAllowed(a)) is { } bad)
            throw Refused($"'{uri.Host}' resolves to {bad}, which is not a public address.");
    }

    public bool IsAllowed(IPAddress address) => OutboundGuard.IsAllowed(_networks, address);

    /// <summary>Where a connection may go: an allowed name's first address, or the first public one.</summary>
    public async Task<IPAddress> ResolveAsync(string host, CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        if (_names.Contains(host) && addresses.Length > 0) return addresses[0];
        return addresses.FirstOrDefault(IsAllowed) ?? throw new HttpRequestException($"'{host}' is not a public address.");
    }

    private static ProblemException Refused(string detail) =>
        new(StatusCodes.Status422UnprocessableEntity, "webhook-url-refused", "This URL cannot receive webhooks", detail)
        {
            Errors = new Dictionary<string, string[]> { ["url"] = [detail] },
        };

    private static bool IsNetwork(string value) => IPAddress.TryParse(value.Split('/')[0], out _);
}
