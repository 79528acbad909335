using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Vtis.AppHost.Operations;
using Vtis.ServiceInterface.Accounts;
using Vtis.ServiceInterface.ApiKeys;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Uploads;

namespace Vtis.AppHost.Infrastructure;

/// <summary>Settings under <c>RateLimits</c>: per client IP, fixed window.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Register, login and refresh calls allowed per IP per window.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 100_000)]
    public int AuthPermitLimit { get; set; } = 10;

    [System.ComponentModel.DataAnnotations.Range(1, 3600)]
    public int AuthWindowSeconds { get; set; } = 60;
}

/// <summary>Settings under <c>Api</c>.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Largest JSON body an operation accepts (uploads have their own limit).</summary>
    [System.ComponentModel.DataAnnotations.Range(1024, 100 * 1024 * 1024)]
    public long MaxJsonBodyBytes { get; set; } = 1024 * 1024;
}

public static class AuthSetup
{
    private const string SmartScheme = "JwtOrApiKey";

    /// <summary>JWT bearer or API key (chosen per request by what was presented), roles, and the auth rate limit.</summary>
    public static IServiceCollection AddAppAuth(this IServiceCollection services)
    {
        services.AddAuthentication(SmartScheme)
            .AddPolicyScheme(SmartScheme, "JWT or API key", o => o.ForwardDefaultSelector = http =>
                ApiKeyAuthenticationHandler.PresentedKey(http.Request) is null
                    ? JwtBearerDefaults.AuthenticationScheme
                    : ApiKeyAuthenticationHandler.SchemeName)
            .AddJwtBearer()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtOptions>>((o, jwt) =>
            {
                o.MapInboundClaims = false;
                // Browsers cannot set headers on WebSocket requests: SignalR sends the token in the query string.
                o.Events = new JwtBearerEvents
                {
                    OnMessageReceived = ctx =>
                    {
                        if (ctx.HttpContext.Request.Path.StartsWithSegments("/hubs") && ctx.Request.Query["access_token"] is [{ Length: > 0 } token])
                            ctx.Token = token;
                        // The queue dashboard is opened by navigation: its token comes in a cookie scoped to its path.
                        else if (ctx.HttpContext.Request.Path.StartsWithSegments(Queue.QueueDashboard.Path) &&
                                 ctx.Request.Cookies[Queue.QueueDashboard.CookieName] is { Length: > 0 } cookie)
                            ctx.Token = cookie;
                        return Task.CompletedTask;
                    },
                };
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = jwt.Value.Issuer,
                    ValidAudience = jwt.Value.Audience,
                    IssuerSigningKey = TokenIssuer.SigningKey(jwt.Value),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    NameClaimType = AppClaims.UserId,
                    RoleClaimType = AppClaims.Role,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
            });

        services.AddAuthorization();
        services.AddRateLimiter(o =>
        {
            o.AddPolicy("auth", http =>
            {
                var limits = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limits.AuthPermitLimit,
                        Window = TimeSpan.FromSeconds(limits.AuthWindowSeconds),
                        QueueLimit = 0,
                    });
            });
            o.OnRejected = async (ctx, ct) =>
            {
                var http = ctx.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                var retryAfter = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(60);
                http.Response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = 429,
                        Type = "/problems/rate-limited",
                        Title = "Too many requests",
                        Detail = "Too many requests from this address. Wait for the time in Retry-After.",
                    },
                });
            };
        });
        return services;
    }

    /// <summary>Caps the body size of JSON operations (uploads set their own, larger limit).</summary>
    public static IApplicationBuilder UseOperationBodyLimit(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<Operation>() is { HasBody: true } op &&
            http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // A video plus the multipart envelope and its small form fields.
            limit.MaxRequestBodySize = op.IsFileUpload
                ? http.RequestServices.GetRequiredService<IOptions<UploadOptions>>().Value.MaxBytes + 1024 * 1024
                : http.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.MaxJsonBodyBytes;
        }

        return next(http);
    });
}
