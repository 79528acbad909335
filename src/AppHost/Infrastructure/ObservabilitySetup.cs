using System.Net;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceModel;

namespace Vtis.AppHost.Infrastructure;

/// <summary>Telemetry settings (section <c>Telemetry</c>).</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>OTLP collector URL (e.g. http://otel-collector:4317); traces and metrics are pushed there when set.
    /// The standard OTEL_EXPORTER_OTLP_ENDPOINT variable works too.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>Networks that may scrape /metrics without signing in (CIDR); anyone else needs an admin token.
    /// Unset: loopback only.</summary>
    public string[]? MetricsAllowedNetworks { get; set; }

    /// <summary><c>json</c> (one JSON object per line, with scopes: correlation and job ids), <c>simple</c>, or
    /// <c>auto</c>: JSON in Production, simple elsewhere.</summary>
    public string LogFormat { get; set; } = "auto";
}

/// <summary>OpenTelemetry metrics and traces (ASP.NET Core, HttpClient, runtime, Npgsql, the service's own meters), the
/// Prometheus scrape endpoint at /metrics, JSON logs in production, and the shutdown grace period.</summary>
public static class ObservabilitySetup
{
    public const string MetricsPath = "/metrics";
    private const string MetricsPolicy = "metrics";

    public static WebApplicationBuilder AddAppObservability(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (options.LogFormat == "json" || (options.LogFormat == "auto" && builder.Environment.IsProduction()))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }

        // SIGTERM: Kestrel stops accepting, requests in flight finish, the queue server hands back what it holds.
        var grace = builder.Configuration.GetValue("App:ShutdownGraceSeconds", 30);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(grace));

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("vtis", serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}"))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(AppMetrics.MeterName, Vtis.GhostCut.GhostCutMetrics.MeterName, Queue.QueueGauges.MeterName)
                .AddMeter("Npgsql") // PostgreSQL client: operation duration, connections, bytes (db.client.*)
                .AddPrometheusExporter())
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments(MetricsPath))
                .AddHttpClientInstrumentation()
                .AddSource("Npgsql", Queue.QueueTracing.SourceName));
        var otlp = options.OtlpEndpoint ?? builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (!string.IsNullOrWhiteSpace(otlp))
            telemetry.UseOtlpExporter(OpenTelemetry.Exporter.OtlpExportProtocol.Grpc, new Uri(otlp));

        var allowed = Networks.ParseAll(options.MetricsAllowedNetworks ?? ["127.0.0.0/8", "::1/128"], "Telemetry:MetricsAllowedNetworks");
        builder.Services.AddAuthorizationBuilder().AddPolicy(MetricsPolicy, policy => policy.RequireAssertion(context =>
            context.User.IsInRole(Roles.Admin) ||
            (context.Resource is HttpContext http && http.Connection.RemoteIpAddress is { } ip && allowed.Contains(ip))));
        return builder;
    }

    public static IEndpointRouteBuilder MapAppMetrics(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(MetricsPolicy);
        return app;
    }
}
