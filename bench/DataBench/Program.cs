using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Credits;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceInterface.Jobs;
using Vtis.ServiceModel.Jobs;

namespace Vtis.DataBench;

/// <summary>
/// How the account-scoped queries behind the API hold up as data grows: a fresh PostgreSQL database migrated like
/// the app's, filled server-side with accounts, users, jobs and ledger entries (one large account among many small
/// ones), then the same LINQ the services run (jobs list pages, filters, search; ledger pages; the balance), timed
/// with p50/p95/p99, with the query plans. Sizes: --jobs N --ledger N --accounts N --runs N. Needs BENCH_POSTGRES or
/// TEST_POSTGRES (an admin connection string); `bash scripts/test.sh --exec …` provides one.
/// </summary>
internal static class Program
{
    private sealed class Tenant(Guid? account) : ITenantContext
    {
        public Guid? AccountId => account;
        public bool IsSystem => account is null;
    }

    public static async Task<int> Main(string[] args)
    {
        long Arg(string name, long fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? long.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }

        var jobs = Arg("--jobs", 1_000_000);
        var ledger = Arg("--ledger", 5_000_000);
        var accounts = Arg("--accounts", 10_000);
        var runs = (int)Arg("--runs", 200);
        var admin = Environment.GetEnvironmentVariable("BENCH_POSTGRES") ?? Environment.GetEnvironmentVariable("TEST_POSTGRES");
        if (string.IsNullOrEmpty(admin))
        {
            Console.Error.WriteLine("Set BENCH_POSTGRES to an admin connection string, or run: bash scripts/test.sh --exec dotnet run -c Release --project bench/DataBench");
            return 2;
        }

        var name = $"vtis_databench_{Guid.NewGuid():N}";
        await ExecAsync(admin, $"CREATE DATABASE \"{name}\"");
        var connection = new NpgsqlConnectionStringBuilder(admin) { Database = name, CommandTimeout = 0 }.ConnectionString;
        try
        {
            var clock = Stopwatch.StartNew();
            await using (var db = Context(connection, null)) await db.Database.MigrateAsync();
            Console.WriteLine($"migrated in {clock.Elapsed.TotalSeconds:0.0} s");

            // One large account (10 % of all rows) among many small ones.
            var heavyJobs = jobs / 10;
            var heavyLedger = ledger / 10;
            clock.Restart();
            await SeedAsync(connection, accounts, jobs, ledger, heavyJobs, heavyLedger);
            Console.WriteLine($"seeded {accounts:N0} accounts, {jobs:N0} jobs, {ledger:N0} ledger entries in {clock.Elapsed.TotalSeconds:0} s");
            await ExecAsync(connection, "VACUUM ANALYZE");
            // Index-only scans need the visibility map: how much of each table VACUUM marked all-visible (some runs
            // found as little as 13 % of the ledger so right after the seed, and the jobs counts read the heap then).
            foreach (var line in await ExplainAsync(connection,
                         "SELECT relname || ': ' || relpages || ' pages, ' || relallvisible || ' all-visible' FROM pg_class " +
                         "WHERE relname IN ('Jobs', 'CreditLedger') ORDER BY relname", explain: false))
                Console.WriteLine($"visibility   {line}");

            var heavy = AccountId(1);
            var typical = Enumerable.Range(2, 50).Select(i => AccountId(i)).ToArray();
            Console.WriteLine();
            Console.WriteLine($"{"query",-44} {"account",-8} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8}");
            var results = new List<(string Query, string Account, double P95)>();
            foreach (var (query, run) in Queries())
            {
                foreach (var (label, pick) in new (string, Func<int, Guid>)[] { ("typical", i => typical[i % typical.Length]), ("large", _ => heavy) })
                {
                    for (var i = 0; i < 5; i++) await TimeAsync(connection, pick(i), run); // warm-up
                    var times = new List<double>();
                    for (var i = 0; i < runs; i++) times.Add(await TimeAsync(connection, pick(i), run));
                    times.Sort();
                    double P(double q) => times[(int)Math.Min(times.Count - 1, Math.Ceiling(q * times.Count) - 1)];
                    Console.WriteLine($"{query,-44} {label,-8} {P(0.50),8:0.00} {P(0.95),8:0.00} {P(0.99),8:0.00}");
                    results.Add((query, label, P(0.95)));
                }
            }

            Console.WriteLine();
            var worst = results.MaxBy(r => r.P95);
            Console.WriteLine($"target p95 < 50 ms: {(worst.P95 < 50 ? "PASS" : "FAIL")} (worst: {worst.Query}, {worst.Account}, {worst.P95:0.00} ms)");

            Console.WriteLine();
            Console.WriteLine("Plans on the large account (EXPLAIN ANALYZE of the SQL EF Core sends):");
            await using (var db = Context(connection, heavy))
            {
                foreach (var (query, sql) in new[]
                {
                    ("jobs page 1", db.Jobs.AsNoTracking().OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id).Take(20).ToQueryString()),
                    ("jobs count", "SELECT count(*) FROM \"Jobs\" WHERE \"AccountId\" = '" + heavy + "'"),
                    ("jobs status=Failed count", db.Jobs.Where(j => j.Status == JobStatus.Failed).GroupBy(j => 1).Select(g => g.Count()).ToQueryString()),
                    ("jobs search count", db.Jobs.Matching(db, "Clip-12").GroupBy(j => 1).Select(g => g.Count()).ToQueryString()),
                    ("jobs search page 1", db.Jobs.AsNoTracking().Matching(db, "Clip-12").OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id).Take(20).ToQueryString()),
                    ("ledger page 1", CreditService.NewestFirst(db.CreditLedger.AsNoTracking()).Take(20).ToQueryString()),
                    ("ledger count and balance (the newest entry)", CreditLedger.BalanceQuery(db, heavy).ToQueryString()),
                    ("what the balance cost as a sum of the entries (before running totals)",
                        db.CreditLedger.Where(e => e.AccountId == heavy).GroupBy(e => e.AccountId)
                            .Select(g => new { Balance = g.Sum(e => e.Amount), Reserved = g.Sum(e => e.Hold) }).ToQueryString()),
                })
                {
                    Console.WriteLine($"-- {query}");
                    foreach (var line in await ExplainAsync(connection, sql)) Console.WriteLine($"   {line}");
                }
            }

            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    /// <summary>The LINQ of JobService.ListJobs, CreditService.ListLedger and CreditLedger.GetBalanceAsync.</summary>
    private static IEnumerable<(string, Func<AppDbContext, Guid, Task>)> Queries()
    {
        yield return ("jobs: count + page 1", async (db, _) =>
        {
            var q = db.Jobs.AsNoTracking();
            await q.CountAsync();
            await q.OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id).Take(20).ToListAsync();
        });
        yield return ("jobs: count + page 50", async (db, _) =>
        {
            var q = db.Jobs.AsNoTracking();
            await q.CountAsync();
            await q.OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id).Skip(49 * 20).Take(20).ToListAsync();
        });
        yield return ("jobs: status=Failed, count + page 1", async (db, _) =>
        {
            var q = db.Jobs.AsNoTracking().Where(j => j.Status == JobStatus.Failed);
            await q.CountAsync();
            await q.OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id).Take(20).ToListAsync();
        });
        yield return ("jobs: search, count + page 1", async (db, _) =>
        {
            var q = db.Jobs.AsNoTracking().Matching(db, "Clip-12");
            await q.CountAsync();
            await q.OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id).Take(20).ToListAsync();
        });
        yield return ("ledger: count + page 1", async (db, account) =>
        {
            await new CreditLedger(db, TimeProvider.System).CountAsync(account, CancellationToken.None);
            await CreditService.NewestFirst(db.CreditLedger.AsNoTracking()).Take(20).ToListAsync();
        });
        yield return ("balance (the newest entry's totals)", async (db, account) =>
            await CreditLedger.BalanceQuery(db, account).FirstOrDefaultAsync());
    }

    private static async Task<double> TimeAsync(string connection, Guid account, Func<AppDbContext, Guid, Task> run)
    {
        await using var db = Context(connection, account);
        var started = Stopwatch.GetTimestamp();
        await run(db, account);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static PostgresAppDbContext Context(string connection, Guid? account) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connection).Options, new Tenant(account));

    /// <summary>md5('a' || n) read as a uuid, as the seed SQL makes it: a stable id per account number, not security.</summary>
#pragma warning disable CA5351
    private static Guid AccountId(long n) =>
        Guid.ParseExact(Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.ASCII.GetBytes($"a{n}"))), "N");
#pragma warning restore CA5351

    /// <summary>Rows made by the server (generate_series), every NOT NULL column filled by its type unless named.</summary>
    private static async Task SeedAsync(string connection, long accounts, long jobs, long ledger, long heavyJobs, long heavyLedger)
    {
        // Account n's id is md5('a' || n) as a uuid, the same bytes AccountId(n) makes.
        const string account = "(substr(md5('a' || {0}), 1, 8) || '-' || substr(md5('a' || {0}), 9, 4) || '-' || substr(md5('a' || {0}), 13, 4) || '-' || substr(md5('a' || {0}), 17, 4) || '-' || substr(md5('a' || {0}), 21, 12))::uuid";
        string AccountOf(string n) => string.Format(CultureInfo.InvariantCulture, account, n);
        string OwnerOf(long heavyRows) => $"(CASE WHEN g <= {heavyRows} THEN 1 ELSE 2 + (g % {accounts - 1}) END)";

        await InsertAsync(connection, "Accounts", $"generate_series(1, {accounts}) g", new() { ["Id"] = AccountOf("g"), ["Name"] = "'Account ' || g" });
        await InsertAsync(connection, "Users", $"generate_series(1, {accounts}) g", new()
        {
            ["Id"] = "gen_random_uuid()", ["AccountId"] = AccountOf("g"), ["Email"] = "'u' || g || '@example.test'",
            ["NormalizedEmail"] = "'U' || g || '@EXAMPLE.TEST'",
        });
        var statuses = "(ARRAY['Completed','Completed','Completed','Failed','Cancelled','Queued','Processing'])[1 + g % 7]";
        await InsertAsync(connection, "Jobs", $"generate_series(1, {jobs}) g", new()
        {
            ["Id"] = "gen_random_uuid()", ["AccountId"] = AccountOf(OwnerOf(heavyJobs)),
            ["UserId"] = $"(SELECT u.\"Id\" FROM \"Users\" u WHERE u.\"AccountId\" = {AccountOf(OwnerOf(heavyJobs))} LIMIT 1)",
            ["Status"] = statuses, ["Processor"] = "'Local'", ["DisplayName"] = "'clip-' || g", ["OriginalFilename"] = "'clip-' || g || '.mp4'",
            ["CreatedAt"] = "now() - make_interval(secs => g)", ["UpdatedAt"] = "now() - make_interval(secs => g)",
            ["CallbackToken"] = "md5('t' || g)", ["ProcessingConfig"] = "'{}'::jsonb", ["EstimatedCredits"] = "1",
        });
        // Each entry numbered within its account with the running totals after it, as the service writes them.
        var entries = $"(SELECT g, o, a, h, row_number() OVER w AS seq, sum(a) OVER w AS bal, sum(h) OVER w AS res FROM (" +
                      $"SELECT g, {OwnerOf(heavyLedger)} AS o, (CASE g % 4 WHEN 0 THEN 10 WHEN 2 THEN -1 ELSE 0 END) AS a, " +
                      $"(CASE g % 4 WHEN 1 THEN 1 WHEN 3 THEN -1 ELSE 0 END) AS h FROM generate_series(1, {ledger}) g) x " +
                      "WINDOW w AS (PARTITION BY o ORDER BY g)) s";
        await InsertAsync(connection, "CreditLedger", entries, new()
        {
            ["AccountId"] = AccountOf("o"), ["Kind"] = "(ARRAY['grant','reserve','charge','release'])[1 + g % 4]",
            ["Amount"] = "a", ["Hold"] = "h", ["Sequence"] = "seq", ["BalanceAfter"] = "bal", ["ReservedAfter"] = "res",
            // Ids and times rise together, as they do in service: the large account's entries are the oldest by both.
            ["Reference"] = "'bench-' || g", ["CreatedAt"] = $"now() - make_interval(secs => {ledger} - g)",
        });
    }

    private static async Task InsertAsync(string connection, string table, string from, Dictionary<string, string> named)
    {
        var columns = new List<(string Name, string Type, bool Nullable, bool HasDefault, bool Identity)>();
        await using (var conn = new NpgsqlConnection(connection))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand(
                "SELECT column_name, data_type, is_nullable = 'YES', column_default IS NOT NULL, is_identity = 'YES' FROM information_schema.columns " +
                "WHERE table_name = @t ORDER BY ordinal_position", conn);
            cmd.Parameters.AddWithValue("t", table);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) columns.Add((reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.GetBoolean(4)));
        }

        if (columns.Count == 0) throw new InvalidOperationException($"No table {table}.");
        var unknown = named.Keys.Except(columns.Select(c => c.Name)).ToList();
        if (unknown.Count > 0) throw new InvalidOperationException($"{table} has no column {string.Join(", ", unknown)}.");
        var filled = columns.Where(c => named.ContainsKey(c.Name) || (!c.Nullable && !c.HasDefault && !c.Identity)).ToList();
        var values = filled.Select(c => named.TryGetValue(c.Name, out var v) ? v : c.Type switch
        {
            "uuid" => "gen_random_uuid()",
            "text" or "character varying" => "''",
            "integer" or "bigint" or "smallint" or "numeric" or "double precision" or "real" => "0",
            "boolean" => "false",
            "timestamp with time zone" or "timestamp without time zone" => "now()",
            "jsonb" or "json" => "'{}'",
            "bytea" => "''::bytea",
            _ => throw new InvalidOperationException($"No filler for {table}.{c.Name} ({c.Type})."),
        });
        var sql = $"INSERT INTO \"{table}\" ({string.Join(", ", filled.Select(c => $"\"{c.Name}\""))}) SELECT {string.Join(", ", values)} FROM {from}";
        var clock = Stopwatch.StartNew();
        await ExecAsync(connection, sql);
        Console.WriteLine($"  {table}: {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static async Task ExecAsync(string connection, string sql)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> ExplainAsync(string connection, string sql, bool explain = true)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync(); // SET LOCAL lasts for this statement's transaction only
        if (sql.StartsWith("SET LOCAL ", StringComparison.Ordinal))
        {
            var set = sql[..(sql.IndexOf('\n', StringComparison.Ordinal) + 1)];
            await using (var setting = new NpgsqlCommand(set, conn, tx)) await setting.ExecuteNonQueryAsync();
            sql = sql[set.Length..];
        }

        // ToQueryString lists the parameters as comment lines ("-- @p='value'"): they are sent as parameters, as EF
        // Core sends them, so the plan is the one the app gets (literals would let the planner see through a
        // repeated account id that it cannot see through as two parameters).
        var lines0 = sql.Split('\n');
        var statement = string.Join('\n', lines0.Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal)));
        await using var cmd = new NpgsqlCommand(explain ? $"EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) {statement}" : statement, conn, tx);
        foreach (var match in lines0.Select(l => System.Text.RegularExpressions.Regex.Match(l, @"^-- @(\w+)='([^']*)'")).Where(m => m.Success))
        {
            var value = match.Groups[2].Value;
            cmd.Parameters.AddWithValue(match.Groups[1].Value, Guid.TryParse(value, out var id) ? id
                : int.TryParse(value, CultureInfo.InvariantCulture, out var n) ? n : value);
        }

        var lines = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        return lines;
    }
}
