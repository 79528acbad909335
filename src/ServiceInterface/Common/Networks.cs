using System.Net;
using System.Net.Sockets;

namespace Vtis.ServiceInterface.Common;

/// <summary>Address lists in settings (outbound allow-lists, metrics scrapers, trusted proxies): each entry an address
/// (a network of one) or a CIDR range; IPv4 clients seen as IPv4-mapped IPv6 match their IPv4 entries.</summary>
public static class Networks
{
    /// <summary>Parses one entry; names the setting in the error when it is neither an address nor a CIDR range.</summary>
    public static IPNetwork Parse(string value, string setting = "network")
    {
        if (value.Contains('/', StringComparison.Ordinal) && IPNetwork.TryParse(value, out var network)) return network;
        if (IPAddress.TryParse(value, out var address))
            return new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
        throw new InvalidOperationException($"{setting}: '{value}' is neither an IP address nor a CIDR range (e.g. 10.0.0.0/8).");
    }

    public static IPNetwork[] ParseAll(IEnumerable<string>? values, string setting) => [.. (values ?? []).Select(v => Parse(v, setting))];

    public static bool Contains(this IEnumerable<IPNetwork> networks, IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return networks.Any(n => n.Contains(address));
    }
}
