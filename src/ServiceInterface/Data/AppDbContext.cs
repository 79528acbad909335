using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Vtis.ServiceInterface.Common;

namespace Vtis.ServiceInterface.Data;

/// <summary>
/// The model, shared by both providers. Each provider has its own subclass and migration set
/// (<see cref="SqliteAppDbContext"/>, <see cref="PostgresAppDbContext"/>); feature code only sees this type.
/// </summary>
public abstract class AppDbContext(DbContextOptions options, ITenantContext tenant) : DbContext(options), IDataProtectionKeyContext
{
    /// <summary>ASP.NET data protection's key ring, shared by every replica (webhook secrets are sealed with it).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<User> Users => Set<User>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<CreditLedgerEntry> CreditLedger => Set<CreditLedgerEntry>();
    public DbSet<Upload> Uploads => Set<Upload>();
    public DbSet<Job> Jobs => Set<Job>();
    public DbSet<JobEvent> JobEvents => Set<JobEvent>();
    public DbSet<GhostCutCallback> GhostCutCallbacks => Set<GhostCutCallback>();
    public DbSet<Purchase> Purchases => Set<Purchase>();
    public DbSet<StripeEvent> StripeEvents => Set<StripeEvent>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();
    public DbSet<WebhookMessage> WebhookMessages => Set<WebhookMessage>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<WebhookAttempt> WebhookAttempts => Set<WebhookAttempt>();

    // Read by the query filters per query, so one model serves every tenant.
    private Guid? CurrentAccountId => tenant.AccountId;

    /// <summary>Trusted system work gets a model without tenant filters (see <see cref="TenantModelCacheKey"/>), so
    /// tenant queries carry a plain <c>AccountId = @id</c> the database can answer from an index, not an OR.</summary>
    internal bool SeesAllTenants => tenant.IsSystem;

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, TenantModelCacheKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Account>(e =>
        {
            e.Property(a => a.Name).HasMaxLength(200);
            e.Property(a => a.StripeCustomerId).HasMaxLength(100);
            e.HasIndex(a => a.StripeCustomerId).IsUnique();
        });

        modelBuilder.Entity<User>(e =>
        {
            e.Property(u => u.Email).HasMaxLength(254);
            e.Property(u => u.NormalizedEmail).HasMaxLength(254);
            e.HasIndex(u => u.NormalizedEmail).IsUnique();
            e.Property(u => u.DisplayName).HasMaxLength(100);
            e.Property(u => u.PasswordHash).HasMaxLength(200);
            e.HasOne(u => u.Account).WithMany().HasForeignKey(u => u.AccountId);
            e.HasIndex(u => u.CreatedAt);
        });

        modelBuilder.Entity<RefreshToken>(e =>
        {
            e.Property(t => t.TokenHash).HasMaxLength(64);
            e.HasIndex(t => t.TokenHash).IsUnique();
            e.HasIndex(t => t.FamilyId);
            e.HasIndex(t => t.UserId);
            e.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ApiKey>(e =>
        {
            e.Property(k => k.Name).HasMaxLength(100);
            e.Property(k => k.Prefix).HasMaxLength(32);
            e.HasIndex(k => k.Prefix).IsUnique();
            e.Property(k => k.SecretHash).HasMaxLength(64);
            e.HasIndex(k => k.AccountId);
            e.HasOne<Account>().WithMany().HasForeignKey(k => k.AccountId);
            e.HasOne<User>().WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<CreditLedgerEntry>(e =>
        {
            e.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(c => c.Reference).HasMaxLength(200);
            e.Property(c => c.Reason).HasMaxLength(500);
            e.HasIndex(c => new { c.AccountId, c.Kind, c.Reference }).IsUnique();
            e.HasIndex(c => new { c.AccountId, c.CreatedAt, c.Id }); // the ledger's pages (CreditService.NewestFirst)
            // One number per entry and account; its newest row answers the balance and the entry count (CreditLedger).
            e.HasIndex(c => new { c.AccountId, c.Sequence }).IsUnique();
            e.HasIndex(c => c.JobId);
            e.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId);
        });

        JobModel.Configure(modelBuilder);
        BillingModel.Configure(modelBuilder);
        WebhookModel.Configure(modelBuilder);

        if (SeesAllTenants) return;
        ApplyTenantFilter<ApiKey>(modelBuilder);
        ApplyTenantFilter<CreditLedgerEntry>(modelBuilder);
        ApplyTenantFilter<Upload>(modelBuilder);
        ApplyTenantFilter<Job>(modelBuilder);
        ApplyTenantFilter<JobEvent>(modelBuilder);
        ApplyTenantFilter<Purchase>(modelBuilder);
        ApplyTenantFilter<WebhookEndpoint>(modelBuilder);
        ApplyTenantFilter<WebhookMessage>(modelBuilder);
        ApplyTenantFilter<WebhookDelivery>(modelBuilder);
    }

    private void ApplyTenantFilter<T>(ModelBuilder modelBuilder)
        where T : class, ITenantOwned =>
        modelBuilder.Entity<T>().HasQueryFilter(e => e.AccountId == CurrentAccountId);

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardTenantWrites();
        await NumberLedgerEntriesAsync(cancellationToken);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardTenantWrites();
        if (PendingLedgerEntries().Any())
            throw new InvalidOperationException("Ledger entries are numbered by SaveChangesAsync (it reads the account's newest entry).");
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    // The accounts whose credit lock this context holds, with the transaction that holds it.
    private readonly Dictionary<Guid, IDbContextTransaction> _creditLocks = [];

    /// <summary>Called by <c>CreditLedger.LockAccountAsync</c> once the lock is taken.</summary>
    internal void NoteCreditLock(Guid accountId) =>
        _creditLocks[accountId] = Database.CurrentTransaction ?? throw new InvalidOperationException("A credit lock needs a transaction.");

    // The order in which CreditLedger added this unit of work's entries: they are numbered in it.
    private readonly Dictionary<CreditLedgerEntry, long> _ledgerOrder = new(ReferenceEqualityComparer.Instance);

    /// <summary>Called by <c>CreditLedger</c> for each entry it adds.</summary>
    internal void NoteLedgerEntry(CreditLedgerEntry entry) => _ledgerOrder[entry] = _ledgerOrder.Count;

    private IEnumerable<CreditLedgerEntry> PendingLedgerEntries() =>
        ChangeTracker.Entries<CreditLedgerEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity);

    /// <summary>
    /// Gives new ledger entries their account's next sequence numbers and running totals, from the account's newest
    /// stored entry. That read is only right while no one else can add an entry, so it needs the account's credit lock
    /// in the current transaction (or a new account, which no one else can see yet); without it this throws, and two
    /// writers that raced anyway would collide on the unique (AccountId, Sequence) index rather than fork the totals.
    /// </summary>
    private async Task NumberLedgerEntriesAsync(CancellationToken ct)
    {
        foreach (var account in PendingLedgerEntries().GroupBy(e => e.AccountId).ToList())
        {
            var isNew = ChangeTracker.Entries<Account>().Any(a => a.State == EntityState.Added && a.Entity.Id == account.Key);
            var locked = _creditLocks.TryGetValue(account.Key, out var tx) && ReferenceEquals(tx, Database.CurrentTransaction);
            if (!isNew && !locked)
                throw new InvalidOperationException($"Ledger entries for account {account.Key} need its credit lock (CreditLedger.LockAccountAsync).");
            var last = isNew ? null : await CreditLedger.IgnoreQueryFilters().AsNoTracking()
                .Where(e => e.AccountId == account.Key)
                .OrderByDescending(e => e.Sequence)
                .Select(e => new { e.Sequence, e.BalanceAfter, e.ReservedAfter })
                .FirstOrDefaultAsync(ct);
            var (sequence, balance, reserved) = (last?.Sequence ?? 0, last?.BalanceAfter ?? 0, last?.ReservedAfter ?? 0);
            // In the order they were added (entries added another way come last, by time).
            foreach (var entry in account.OrderBy(e => _ledgerOrder.GetValueOrDefault(e, long.MaxValue)).ThenBy(e => e.CreatedAt))
            {
                entry.Sequence = ++sequence;
                entry.BalanceAfter = balance += entry.Amount;
                entry.ReservedAfter = reserved += entry.Hold;
            }
        }

        _ledgerOrder.Clear();
    }

    /// <summary>New tenant rows get the caller's account; no caller may write another account's rows.</summary>
    private void GuardTenantWrites()
    {
        if (tenant.IsSystem) return;
        foreach (var entry in ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (entry.State == EntityState.Added && entry.Entity.AccountId == Guid.Empty)
                entry.Entity.AccountId = tenant.AccountId
                    ?? throw new InvalidOperationException($"A {entry.Entity.GetType().Name} needs an account.");
            if (tenant.AccountId is { } current && entry.Entity.AccountId != current)
                throw new InvalidOperationException($"Cross-tenant write to {entry.Entity.GetType().Name} refused.");
        }
    }
}
