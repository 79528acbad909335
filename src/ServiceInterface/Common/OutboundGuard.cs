using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Vtis.ServiceInterface.Common;

/// <summary>Settings under <c>Outbound</c>: where the service may fetch from on a user's behalf.</summary>
public sealed class OutboundOptions
{
    public const string Section = "Outbound";

    /// <summary>Exceptions to the public-address rule: IP addresses or CIDR ranges (e.g. <c>127.0.0.1</c>,
    /// <c>10.1.0.0/16</c>). Empty by default; tests allow loopback.</summary>
    public string[] AllowedNetworks { get; set; } = [];
}

/// <summary>
/// Server-side request forgery guard for URLs users give us: only http(s), and only public addresses, checked on
/// every connection after DNS resolution (so a name that later resolves to a private address still fails), with
/// redirects not followed. Loopback, private, link-local (cloud metadata), CGNAT, multicast and unspecified
/// addresses are refused unless configured in <see cref="OutboundOptions.AllowedNetworks"/>.
/// </summary>
public sealed class OutboundGuard(IOptions<OutboundOptions> options)
{
    public const string HttpClientName = "outbound";

    private readonly IPNetwork[] _allowed = Networks.ParseAll(options.Value.AllowedNetworks, "Outbound:AllowedNetworks");

    public static bool IsHttpUrl(string url, out Uri uri) =>
        Uri.TryCreate(url, UriKind.Absolute, out uri!) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    public bool IsAllowed(IPAddress address) => IsAllowed(_allowed, address);

    /// <summary>The rule both outbound guards apply: an address in <paramref name="allowed"/>, else a public one only.</summary>
    public static bool IsAllowed(IReadOnlyCollection<IPNetwork> allowed, IPAddress address) =>
        allowed.Contains(address) || !IsNonPublic(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    public static bool IsNonPublic(IPAddress a)
    {
        if (IPAddress.IsLoopback(a) || a.Equals(IPAddress.Any) || a.Equals(IPAddress.IPv6Any) || a.Equals(IPAddress.Broadcast)) return true;
        if (a.AddressFamily == AddressFamily.InterNetworkV6)
            return a.IsIPv6LinkLocal || a.IsIPv6SiteLocal || a.IsIPv6Multicast || a.IsIPv6UniqueLocal;
        var b = a.GetAddressBytes();
        return b[0] == 10 || b[0] == 0 || b[0] >= 224 ||
               (b[0] == 172 && b[1] >= 16 && b[1] <= 31) ||
               (b[0] == 192 && b[1] == 168) ||
               (b[0] == 169 && b[1] == 254) ||
               (b[0] == 100 && b[1] >= 64 && b[1] <= 127) ||
               (b[0] == 198 && (b[1] == 18 || b[1] == 19));
    }

    /// <summary>The named HttpClient whose every connection passes the guard and which never follows redirects.</summary>
    public static IServiceCollection AddOutboundHttp(IServiceCollection services)
    {
        services.AddSingleton<OutboundGuard>();
        services.AddHttpClient(HttpClientName, c => c.Timeout = TimeSpan.FromMinutes(30))
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var guard = sp.GetRequiredService<OutboundGuard>();
                return GuardedHandler(async (host, ct) => (await Dns.GetHostAddressesAsync(host, ct)).FirstOrDefault(guard.IsAllowed)
                    ?? throw new HttpRequestException($"'{host}' is not a public address."));
            });
        return services;
    }

    /// <summary>A handler that connects only where <paramref name="resolve"/> says (it throws to refuse), after DNS
    /// resolution and on every connection, and never follows redirects.</summary>
    public static SocketsHttpHandler GuardedHandler(Func<string, CancellationToken, Task<IPAddress>> resolve) => new()
    {
        AllowAutoRedirect = false,
        ConnectTimeout = TimeSpan.FromSeconds(15),
        ConnectCallback = async (context, ct) =>
        {
            var address = await resolve(context.DnsEndPoint.Host, ct);
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
