using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;

namespace Vtis.AppHost.Infrastructure;

/// <summary>
/// The seed project's environment variable names keep working: each is read as the setting it stands for.
/// They sit just below plain environment variables, so the canonical name (e.g. <c>ConnectionStrings__Default</c>)
/// wins when both are set, and above appsettings files.
/// </summary>
public static class ConfigurationAliases
{
    public static readonly IReadOnlyDictionary<string, string> Simple = new Dictionary<string, string>
    {
        ["GHOSTCUT_API_KEY"] = "GhostCut:ApiKey",
        ["GHOSTCUT_APP_SECRET"] = "GhostCut:AppSecret",
        ["GHOSTCUT_UID"] = "GhostCut:Uid",
        ["GHOSTCUT_API_URL"] = "GhostCut:ApiUrl",
        ["AWS_ACCESS_KEY_ID"] = "Storage:S3:AccessKey",
        ["AWS_SECRET_ACCESS_KEY"] = "Storage:S3:SecretKey",
        ["AWS_REGION"] = "Storage:S3:Region",
        ["AWS_S3_BUCKET"] = "Storage:S3:Bucket",
        ["JWT_SECRET_KEY"] = "Jwt:SigningKey",
        ["STRIPE_SECRET_KEY"] = "Stripe:SecretKey",
        ["STRIPE_WEBHOOK_SECRET"] = "Stripe:WebhookSecret",
        ["STRIPE_PUBLISHABLE_KEY"] = "Stripe:PublishableKey",
    };

    public static ConfigurationManager AddLegacyAliases(this ConfigurationManager configuration, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var values = Translate(environment);
        if (values.Count == 0) return configuration;

        var sources = ((IConfigurationBuilder)configuration).Sources;
        var envIndex = sources.ToList().FindLastIndex(s => s is EnvironmentVariablesConfigurationSource { Prefix: null or "" });
        var alias = new MemoryConfigurationSource { InitialData = values };
        if (envIndex < 0) sources.Add(alias);
        else sources.Insert(envIndex, alias);
        return configuration;
    }

    public static Dictionary<string, string?> Translate(Func<string, string?> environment)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, key) in Simple)
            if (environment(name) is { Length: > 0 } value) values[key] = value;
        if (environment("DATABASE_URL") is { Length: > 0 } db) values["ConnectionStrings:Default"] = PostgresUrlToConnectionString(db);
        if (environment("REDIS_URL") is { Length: > 0 } redis) values["ConnectionStrings:Redis"] = RedisUrlToConfiguration(redis);
        if (environment("CORS_ORIGINS") is { Length: > 0 } cors)
        {
            var origins = cors.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            for (var i = 0; i < origins.Length; i++) values[$"Cors:Origins:{i}"] = origins[i];
        }

        return values;
    }

    /// <summary><c>postgresql://user:pass@host:5432/db?sslmode=require</c> to an Npgsql connection string.</summary>
    public static string PostgresUrlToConnectionString(string url)
    {
        if (!url.StartsWith("postgres", StringComparison.OrdinalIgnoreCase)) return url; // already a connection string
        var uri = new Uri(url);
        var userInfo = uri.UserInfo.Split(':', 2);
        var parts = new List<string>
        {
            $"Host={uri.Host}",
            $"Port={(uri.Port > 0 ? uri.Port : 5432)}",
            $"Database={Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'))}",
        };
        if (userInfo[0].Length > 0) parts.Add($"Username={Uri.UnescapeDataString(userInfo[0])}");
        if (userInfo.Length > 1) parts.Add($"Password={Uri.UnescapeDataString(userInfo[1])}");
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            if (kv[0].Equals("sslmode", StringComparison.OrdinalIgnoreCase) && kv.Length == 2)
                parts.Add($"SSL Mode={Uri.UnescapeDataString(kv[1])}");
        }

        return string.Join(';', parts);
    }

    /// <summary><c>redis://:pass@host:6379/0</c> (or <c>rediss://</c>) to a StackExchange.Redis configuration string.</summary>
    public static string RedisUrlToConfiguration(string url)
    {
        if (!url.StartsWith("redis", StringComparison.OrdinalIgnoreCase)) return url;
        var uri = new Uri(url);
        var parts = new List<string> { $"{uri.Host}:{(uri.Port > 0 ? uri.Port : 6379)}" };
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo.Length == 2)
        {
            if (userInfo[0].Length > 0) parts.Add($"user={Uri.UnescapeDataString(userInfo[0])}");
            parts.Add($"password={Uri.UnescapeDataString(userInfo[1])}");
        }

        if (int.TryParse(uri.AbsolutePath.Trim('/'), out var database)) parts.Add($"defaultDatabase={database}");
        if (uri.Scheme.Equals("rediss", StringComparison.OrdinalIgnoreCase)) parts.Add("ssl=true");
        return string.Join(',', parts);
    }
}
