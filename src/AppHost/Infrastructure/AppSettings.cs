using System.ComponentModel.DataAnnotations;
using Vtis.ServiceInterface.Accounts;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceInterface.Jobs;
using Vtis.ServiceInterface.Uploads;

namespace Vtis.AppHost.Infrastructure;

/// <summary>Settings under <c>App</c>.</summary>
public sealed class AppOptions
{
    public const string Section = "App";

    /// <summary>Folder for the embedded database, local files and generated keys (relative to the working directory).</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Apply pending migrations at start-up (otherwise run the <c>migrate</c> command).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary><c>all</c> (default), <c>web</c> (HTTP only) or <c>worker</c> (background work, health only).</summary>
    [RegularExpression("^(all|web|worker)$", ErrorMessage = "App:Role must be all, web or worker.")]
    public string Role { get; set; } = "all";

    public bool ServesHttpApi => Role is "all" or "web";

    public bool RunsWorker => Role is "all" or "worker";

    /// <summary>Absolute URL where this app is reachable from outside (GhostCut downloads inputs and calls back
    /// there). Optional on the embedded default.</summary>
    [Url]
    public string? PublicBaseUrl { get; set; }
}

/// <summary>Settings under <c>Cors</c>.</summary>
public sealed class CorsOptions
{
    public const string Section = "Cors";

    /// <summary>Origins allowed to call the API from a browser (alias: comma-separated <c>CORS_ORIGINS</c>).</summary>
    public string[] Origins { get; set; } = [];
}

/// <summary>
/// Binds and validates every options class at start-up (a missing or invalid setting stops the app with a message
/// naming it), and fills in the embedded defaults: a SQLite file and a generated JWT key under the data folder.
/// </summary>
public static class AppSettings
{
    public static WebApplicationBuilder AddAppSettings(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        config.AddLegacyAliases();

        var dataDirectory = Path.GetFullPath(config["App:DataDirectory"] ?? "data");
        if (string.IsNullOrWhiteSpace(config.GetConnectionString("Default")))
        {
            Directory.CreateDirectory(dataDirectory);
            config["ConnectionStrings:Default"] = $"Data Source={Path.Combine(dataDirectory, "app.db")}";
        }

        var embedded = DatabaseRegistration.ProviderOf(config.GetConnectionString("Default")!) == DatabaseProvider.Sqlite;
        if (embedded && string.IsNullOrEmpty(config["Jwt:SigningKey"]))
            config["Jwt:SigningKey"] = ReadOrCreateKey(Path.Combine(dataDirectory, "jwt-signing.key"));

        Bind<AppOptions>(builder.Services, AppOptions.Section);
        Bind<JwtOptions>(builder.Services, JwtOptions.Section);
        Bind<AccountOptions>(builder.Services, AccountOptions.Section);
        Bind<AdminOptions>(builder.Services, AdminOptions.Section);
        Bind<RateLimitOptions>(builder.Services, RateLimitOptions.Section);
        Bind<ApiOptions>(builder.Services, ApiOptions.Section);
        Bind<CorsOptions>(builder.Services, CorsOptions.Section);
        Bind<UploadOptions>(builder.Services, UploadOptions.Section);
        Bind<JobOptions>(builder.Services, JobOptions.Section);
        Bind<PricingOptions>(builder.Services, PricingOptions.Section);
        Bind<OutboundOptions>(builder.Services, OutboundOptions.Section);
        Bind<Vtis.ServiceInterface.Webhooks.WebhookOptions>(builder.Services, Vtis.ServiceInterface.Webhooks.WebhookOptions.Section);
        return builder;
    }

    private static void Bind<T>(IServiceCollection services, string section)
        where T : class =>
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();

    /// <summary>A random key kept beside the embedded database, so tokens survive restarts of a local install.</summary>
    private static string ReadOrCreateKey(string path)
    {
        if (File.Exists(path)) return File.ReadAllText(path).Trim();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        File.WriteAllText(path, key);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return key;
    }
}
