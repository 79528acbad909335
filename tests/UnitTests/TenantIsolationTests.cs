using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Data;

namespace Vtis.UnitTests;

/// <summary>Tenant isolation lives in the DbContext, not in handlers: these tests use the context directly.</summary>
public sealed class TenantIsolationTests
{
    private sealed class Tenant(Guid? account) : ITenantContext
    {
        public Guid? AccountId => account;
        public bool IsSystem => false;
    }

    private SqliteConnection _connection = null!;

    [SetUp]
    public void Open()
    {
        _connection = new SqliteConnection("Data Source=:memory:");
        _connection.Open();
        using var db = Context(SystemTenantContext.Instance);
        db.Database.Migrate();
    }

    [TearDown]
    public void Close() => _connection.Dispose();

    private SqliteAppDbContext Context(ITenantContext tenant) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(_connection).Options, tenant);

    [Test]
    public async Task Queries_see_only_the_callers_account_and_writes_to_others_are_refused()
    {
        var (a, b) = (new Account { Name = "a" }, new Account { Name = "b" });
        var userA = new User { AccountId = a.Id, Email = "a", NormalizedEmail = "A" };
        var userB = new User { AccountId = b.Id, Email = "b", NormalizedEmail = "B" };
        await using (var system = Context(SystemTenantContext.Instance))
        {
            system.AddRange(a, b, userA, userB);
            system.ApiKeys.AddRange(
                new ApiKey { AccountId = a.Id, UserId = userA.Id, Name = "ka", Prefix = "pa" },
                new ApiKey { AccountId = b.Id, UserId = userB.Id, Name = "kb", Prefix = "pb" });
            await system.SaveChangesAsync();
        }

        await using var asA = Context(new Tenant(a.Id));
        Assert.That(await asA.ApiKeys.Select(k => k.Name).ToListAsync(), Is.EqualTo(new[] { "ka" }));
        Assert.That(await asA.ApiKeys.CountAsync(k => k.Prefix == "pb"), Is.Zero);

        asA.ApiKeys.Add(new ApiKey { AccountId = b.Id, UserId = userA.Id, Name = "sneaky", Prefix = "px" });
        Assert.ThrowsAsync<InvalidOperationException>(() => asA.SaveChangesAsync());

        await using var anonymous = Context(new Tenant(null));
        Assert.That(await anonymous.ApiKeys.CountAsync(), Is.Zero, "no caller sees nothing");

        await using var stamped = Context(new Tenant(a.Id));
        var key = new ApiKey { UserId = userA.Id, Name = "stamped", Prefix = "ps" };
        stamped.ApiKeys.Add(key);
        await stamped.SaveChangesAsync();
        Assert.That(key.AccountId, Is.EqualTo(a.Id), "new rows get the caller's account");
    }
}
