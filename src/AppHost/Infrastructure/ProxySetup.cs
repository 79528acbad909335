using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Vtis.ServiceInterface.Common;

namespace Vtis.AppHost.Infrastructure;

/// <summary>
/// Behind a reverse proxy (docker compose runs Caddy in front of the app replicas) the connection comes from the proxy,
/// so rate limits, the metrics allow-list and request logs would all see the proxy's address. <c>App:TrustedProxies</c>
/// lists the proxies' networks (addresses or CIDR); from them, and only from them, the last hop of
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> is believed. Empty (the default): the headers are ignored.
/// </summary>
public static class ProxySetup
{
    public const string Setting = "App:TrustedProxies";

    public static IServiceCollection AddAppForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = Networks.ParseAll(configuration.GetSection(Setting).Get<string[]>(), Setting);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = 1; // the hop our proxy appended; what a client wrote before it is not evidence
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var network in proxies) o.KnownIPNetworks.Add(network);
        });
        return services;
    }

    /// <summary>First in the pipeline, so logging, rate limits and authorization see the client's address.</summary>
    public static WebApplication UseAppForwardedHeaders(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value.KnownIPNetworks.Count > 0) app.UseForwardedHeaders();
        return app;
    }
}
