using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Vtis.IntegrationTests.Support;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Credits;
using Vtis.ServiceInterface.Data;

namespace Vtis.IntegrationTests;

/// <summary>
/// The ledger's running totals (sequence, balance and reserved after each entry) on a database of its own per
/// provider: written under the account's credit lock only, and filled in by the migration for entries stored before
/// they existed.
/// </summary>
[TestFixture(Db.Sqlite)]
[TestFixture(Db.Postgres)]
public sealed class LedgerTotalsTests(Db db)
{
    private const string MigrationBefore = "SharedKeysSealedSecrets"; // the one before LedgerRunningTotals

    private string _connection = "";
    private string? _file;

    [SetUp]
    public async Task CreateDatabase()
    {
        if (db == Db.Postgres)
        {
            _connection = await TestServers.CreatePostgresDatabaseAsync();
        }
        else
        {
            _file = Path.Combine(Path.GetTempPath(), $"vtis-ledger-{Guid.NewGuid():N}.db");
            _connection = $"Data Source={_file};Pooling=False";
        }

        await using var context = Context();
        await context.Database.MigrateAsync();
    }

    [TearDown]
    public async Task DropDatabase()
    {
        if (db == Db.Postgres)
        {
            NpgsqlConnection.ClearAllPools();
            var name = new NpgsqlConnectionStringBuilder(_connection).Database;
            await using var admin = new NpgsqlConnection(TestServers.PostgresAdmin);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        else if (_file is not null)
        {
            File.Delete(_file);
        }
    }

    [Test]
    public async Task Entries_are_numbered_with_the_totals_after_each_and_the_balance_is_the_newest()
    {
        var (a, b) = (await AccountAsync(), await AccountAsync());
        var job = Guid.NewGuid();
        await WriteAsync(a, l => l.Grant(a, 10, "welcome-pack"));
        await WriteAsync(b, l => l.Grant(b, 3, "welcome-pack"));
        await WriteAsync(a, l => l.Reserve(a, job, 4));
        await WriteAsync(a, l =>
        {
            l.Charge(a, job, 4, 4);
            l.Adjust(a, -1, "goodwill reversed", Guid.NewGuid()); // two entries in one save
        });

        await using var context = Context();
        var entries = await context.CreditLedger.Where(e => e.AccountId == a).OrderBy(e => e.Sequence).ToListAsync();
        Assert.That(entries.Select(e => (e.Sequence, e.BalanceAfter, e.ReservedAfter)),
            Is.EqualTo(new[] { (1L, 1L, 0L), (2L, 11L, 0L), (3L, 11L, 4L), (4L, 7L, 0L), (5L, 6L, 0L) }));
        var ledger = new CreditLedger(context, TimeProvider.System);
        var balance = await ledger.GetBalanceAsync(a, CancellationToken.None);
        Assert.That((balance.Balance, balance.Reserved, balance.Available), Is.EqualTo((6L, 0L, 6L)));
        Assert.That(await ledger.CountAsync(a, CancellationToken.None), Is.EqualTo(5));
        Assert.That((await ledger.GetBalanceAsync(b, CancellationToken.None)).Balance, Is.EqualTo(4), "each account has its own totals");
        Assert.That(await ledger.CountAsync(Guid.NewGuid(), CancellationToken.None), Is.Zero);
    }

    [Test]
    public async Task An_entry_written_without_the_accounts_credit_lock_is_refused()
    {
        var account = await AccountAsync();
        await using var context = Context();
        new CreditLedger(context, TimeProvider.System).Grant(account, 5, "no-lock");

        var refused = Assert.ThrowsAsync<InvalidOperationException>(() => context.SaveChangesAsync());
        Assert.That(refused!.Message, Does.Contain("credit lock"));
        await using var check = Context();
        Assert.That(await check.CreditLedger.CountAsync(), Is.EqualTo(1), "only the account's first grant is stored");
    }

    [Test]
    public async Task Concurrent_writers_of_one_account_never_fork_its_totals()
    {
        var account = await AccountAsync();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() =>
            WriteAsync(account, l => l.Adjust(account, i % 2 == 0 ? 3 : -1, $"writer {i}", Guid.NewGuid())))));

        await using var context = Context();
        var entries = await context.CreditLedger.Where(e => e.AccountId == account).OrderBy(e => e.Sequence).ToListAsync();
        Assert.That(entries.Select(e => e.Sequence), Is.EqualTo(Enumerable.Range(1, 17).Select(n => (long)n)));
        long running = 0;
        foreach (var entry in entries) Assert.That(entry.BalanceAfter, Is.EqualTo(running += entry.Amount));
        Assert.That(running, Is.EqualTo(1 + 8 * 3 - 8));
    }

    [Test]
    public async Task The_migration_numbers_the_entries_stored_before_it()
    {
        var (a, b) = (await AccountAsync(), await AccountAsync());
        for (var i = 0; i < 6; i++)
        {
            var job = Guid.NewGuid();
            await WriteAsync(i % 2 == 0 ? a : b, l => l.Reserve(i % 2 == 0 ? a : b, job, 2));
            if (i % 3 == 0) await WriteAsync(i % 2 == 0 ? a : b, l => l.Release(i % 2 == 0 ? a : b, job, 2, "failed"));
            else await WriteAsync(i % 2 == 0 ? a : b, l => l.Charge(i % 2 == 0 ? a : b, job, 2, 2));
        }

        List<(long, long, long, long)> Totals(AppDbContext c) =>
            [.. c.CreditLedger.OrderBy(e => e.Id).AsEnumerable().Select(e => (e.Id, e.Sequence, e.BalanceAfter, e.ReservedAfter))];
        List<(long, long, long, long)> written;
        await using (var context = Context()) written = Totals(context);

        await using (var context = Context())
        {
            var migrator = context.GetService<IMigrator>();
            await migrator.MigrateAsync(MigrationBefore); // drops the columns: the entries as they were stored before
            await migrator.MigrateAsync();
        }

        await using (var context = Context())
        {
            Assert.That(Totals(context), Is.EqualTo(written), "the backfill computes what the writers computed");
            Assert.That(written.Max(t => t.Item2), Is.EqualTo(7), "each account numbered on its own (1 grant + 6 job entries)");
        }
    }

    private async Task<Guid> AccountAsync()
    {
        await using var context = Context();
        var account = new Account { Name = "Ledger test", CreatedAt = DateTimeOffset.UtcNow };
        context.Accounts.Add(account);
        new CreditLedger(context, TimeProvider.System).Grant(account.Id, 1, "signup"); // a new account needs no lock
        await context.SaveChangesAsync();
        return account.Id;
    }

    private async Task WriteAsync(Guid account, Action<CreditLedger> write)
    {
        await using var context = Context();
        var ledger = new CreditLedger(context, TimeProvider.System);
        write(ledger);
        await ledger.SaveAsync(account, CancellationToken.None);
    }

    private AppDbContext Context() => db == Db.Postgres
        ? new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(_connection).Options, SystemTenantContext.Instance)
        : new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(_connection).Options, SystemTenantContext.Instance);
}
