using Npgsql;

namespace Vtis.IntegrationTests.Support;

public enum Db
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The real servers the test command starts (scripts/test.sh exports their addresses). Without them the suites
/// fail: they never skip, in CI or anywhere else.
/// </summary>
public static class TestServers
{
    public static string PostgresAdmin => Required("TEST_POSTGRES");

    public static string Redis => Required("TEST_REDIS");

    /// <summary>Creates an empty database of its own for one app instance and returns its connection string.</summary>
    public static async Task<string> CreatePostgresDatabaseAsync()
    {
        var name = $"vtis_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(PostgresAdmin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = name }.ConnectionString;
    }

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set. Run the tests with scripts/test.sh, which starts PostgreSQL and Redis and sets it.");
}
