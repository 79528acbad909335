using Npgsql;
using StackExchange.Redis;

namespace Vtis.Bench;

/// <summary>
/// The app's database and queue: embedded (SQLite file, in-process queue) unless <c>BENCH_POSTGRES</c> (an Npgsql
/// connection string to a server, on which a fresh database is created and dropped afterwards) and/or
/// <c>BENCH_REDIS</c> (a StackExchange.Redis configuration; keys go under a fresh prefix) are set.
/// </summary>
internal sealed class BackingServices : IAsyncDisposable
{
    private readonly string? _postgresAdmin;
    private readonly string? _databaseName;
    private readonly (string Configuration, string Prefix)? _redis;

    private BackingServices(string description, Dictionary<string, string> settings, string? postgresAdmin, string? databaseName,
        (string, string)? redis)
    {
        _redis = redis;
        Description = description;
        Settings = settings;
        _postgresAdmin = postgresAdmin;
        _databaseName = databaseName;
    }

    /// <summary>What the app runs on, in words.</summary>
    public string Description { get; }

    /// <summary>Environment settings for the app process.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    public static async Task<BackingServices> FromEnvironmentAsync(string dataDirectory, CancellationToken ct)
    {
        var settings = new Dictionary<string, string>();
        var parts = new List<string>();
        string? admin = null, database = null;
        (string, string)? redisKeys = null;
        if (Environment.GetEnvironmentVariable("BENCH_POSTGRES") is { Length: > 0 } postgres)
        {
            admin = postgres;
            database = $"vtis_bench_{Guid.NewGuid():N}";
            await ExecuteAsync(admin, $"CREATE DATABASE \"{database}\"", ct);
            var builder = new NpgsqlConnectionStringBuilder(admin) { Database = database };
            settings["ConnectionStrings__Default"] = builder.ConnectionString;
            settings["Jwt__SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
            parts.Add($"PostgreSQL (BENCH_POSTGRES, database {database} on {builder.Host}:{builder.Port})");
        }
        else
        {
            settings["ConnectionStrings__Default"] = $"Data Source={Path.Combine(dataDirectory, "app.db")}";
            parts.Add("SQLite (embedded)");
        }

        if (Environment.GetEnvironmentVariable("BENCH_REDIS") is { Length: > 0 } redis)
        {
            settings["ConnectionStrings__Redis"] = redis;
            settings["Queue__Prefix"] = $"vtis-bench:{Guid.NewGuid():N}:";
            redisKeys = (redis, settings["Queue__Prefix"]);
            parts.Add($"Redis queue (BENCH_REDIS, prefix {settings["Queue__Prefix"]})");
        }
        else
        {
            parts.Add("in-process queue (embedded)");
        }

        return new BackingServices(string.Join(", ", parts), settings, admin, database, redisKeys);
    }

    /// <summary>Drops the bench's database and queue keys; call after the app has stopped.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_redis is { } redis) await DeleteKeysAsync(redis.Configuration, redis.Prefix);
        if (_postgresAdmin is null || _databaseName is null) return;
        try
        {
            await ExecuteAsync(_postgresAdmin, $"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", CancellationToken.None);
        }
        catch (NpgsqlException e)
        {
            Console.Error.WriteLine($"warning: could not drop database {_databaseName}: {e.Message}");
        }
    }

    private static async Task DeleteKeysAsync(string configuration, string prefix)
    {
        try
        {
            await using var redis = await ConnectionMultiplexer.ConnectAsync(configuration);
            foreach (var endpoint in redis.GetEndPoints())
            {
                var server = redis.GetServer(endpoint);
                if (server.IsReplica) continue;
                await foreach (var key in server.KeysAsync(pattern: prefix + "*"))
                    await redis.GetDatabase().KeyDeleteAsync(key);
            }
        }
        catch (RedisException e)
        {
            Console.Error.WriteLine($"warning: could not delete Redis keys {prefix}*: {e.Message}");
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
