using Microsoft.EntityFrameworkCore;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceModel.Auth;

namespace Vtis.ServiceInterface.Credits;

/// <summary>The one place credit arithmetic lives. Entries are added to the caller's unit of work, so a credit movement
/// commits or rolls back with the change that causes it; the caller saves it (or asks <see cref="SaveAsync"/> to, under
/// the account's credit lock).</summary>
public sealed class CreditLedger(AppDbContext db, TimeProvider clock)
{
    public CreditLedgerEntry Grant(Guid accountId, long credits, string reference, string? reason = null, Guid? byUser = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(credits);
        return Record(accountId, CreditEntryKind.Grant, credits, hold: 0, reference, reason, byUser);
    }

    /// <summary>An operator's grant (positive) or deduction (negative); a deduction may take the balance below zero.</summary>
    public CreditLedgerEntry Adjust(Guid accountId, long credits, string reason, Guid byUser)
    {
        if (credits == 0) throw new ArgumentOutOfRangeException(nameof(credits), "An adjustment moves credits.");
        return Record(accountId, CreditEntryKind.Adjustment, credits, hold: 0, $"adjustment:{Guid.CreateVersion7()}", reason, byUser);
    }

    /// <summary>Credits a paid purchase, once per Checkout Session (the reference is unique per account and kind).</summary>
    public CreditLedgerEntry Purchase(Guid accountId, long credits, string checkoutSessionId, string reason)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(credits);
        return Record(accountId, CreditEntryKind.Purchase, credits, hold: 0, $"checkout:{checkoutSessionId}", reason);
    }

    /// <summary>Takes back refunded credits (and frees <paramref name="frozen"/> of them if a dispute held them).
    /// The balance may go below zero when they are already spent.</summary>
    public CreditLedgerEntry Refund(Guid accountId, long credits, long frozen, string reference, string reason)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(credits);
        ArgumentOutOfRangeException.ThrowIfNegative(frozen);
        return Record(accountId, CreditEntryKind.Refund, -credits, -frozen, reference, reason);
    }

    /// <summary>Holds a disputed purchase's credits: they count against available credit until the dispute closes.</summary>
    public CreditLedgerEntry Freeze(Guid accountId, long credits, string reference, string reason)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(credits);
        return Record(accountId, CreditEntryKind.Freeze, amount: 0, hold: credits, reference, reason);
    }

    /// <summary>Frees the hold of a dispute that was won.</summary>
    public CreditLedgerEntry Unfreeze(Guid accountId, long credits, string reference, string reason)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(credits);
        return Record(accountId, CreditEntryKind.Unfreeze, amount: 0, hold: -credits, reference, reason);
    }

    private CreditLedgerEntry Record(Guid accountId, CreditEntryKind kind, long amount, long hold, string reference, string? reason, Guid? byUser = null)
    {
        var entry = new CreditLedgerEntry
        {
            AccountId = accountId,
            Kind = kind,
            Amount = amount,
            Hold = hold,
            Reference = reference,
            Reason = reason,
            CreatedByUserId = byUser,
            CreatedAt = clock.GetUtcNow(),
        };
        db.CreditLedger.Add(entry);
        db.NoteLedgerEntry(entry);
        return entry;
    }

    /// <summary>
    /// Takes the account's credit lock until the surrounding transaction ends: an UPDATE of the account row, which
    /// both PostgreSQL (row lock) and SQLite (write lock) hold until commit. Every read-check-reserve runs under it,
    /// so concurrent submits cannot spend the same credits twice.
    /// </summary>
    public async Task LockAccountAsync(Guid accountId, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("LockAccountAsync needs a transaction to hold the lock.");
        await db.Accounts.Where(a => a.Id == accountId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.CreditVersion, a => a.CreditVersion + 1), ct);
        db.NoteCreditLock(accountId);
    }

    /// <summary>Saves the unit of work; when it holds ledger entries, in a transaction under the account's credit lock,
    /// taken before any row is written (so every writer locks the account before the rows it changes). Inside a
    /// transaction the caller already opened, the lock is taken there, after whatever the caller wrote in it.</summary>
    public async Task SaveAsync(Guid accountId, CancellationToken ct)
    {
        var credits = db.ChangeTracker.Entries<CreditLedgerEntry>().Any(e => e.State == EntityState.Added);
        if (!credits || db.Database.CurrentTransaction is not null)
        {
            if (credits) await LockAccountAsync(accountId, ct);
            await db.SaveChangesAsync(ct);
            return;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockAccountAsync(accountId, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Holds <paramref name="credits"/> for a job; they count against available credit until charged or released.</summary>
    public void Reserve(Guid accountId, Guid jobId, long credits) =>
        Add(accountId, jobId, CreditEntryKind.Reserve, amount: 0, hold: credits, $"Reserved for job {jobId}");

    /// <summary>Spends <paramref name="actual"/> credits and frees the job's whole reservation.</summary>
    public void Charge(Guid accountId, Guid jobId, long reserved, long actual) =>
        Add(accountId, jobId, CreditEntryKind.Charge, amount: -actual, hold: -reserved, $"Charged for job {jobId}");

    /// <summary>Frees the job's reservation without spending.</summary>
    public void Release(Guid accountId, Guid jobId, long reserved, string reason) =>
        Add(accountId, jobId, CreditEntryKind.Release, amount: 0, hold: -reserved, reason);

    private void Add(Guid accountId, Guid jobId, CreditEntryKind kind, long amount, long hold, string reason) =>
        Record(accountId, kind, amount, hold, $"job:{jobId}", reason).JobId = jobId;

    public async Task<CreditBalance> GetBalanceAsync(Guid accountId, CancellationToken ct)
    {
        var totals = await BalanceQuery(db, accountId).FirstOrDefaultAsync(ct);
        var balance = totals?.Balance ?? 0;
        var reserved = totals?.Reserved ?? 0;
        return new CreditBalance { Balance = balance, Reserved = reserved, Available = balance - reserved };
    }

    /// <summary>The account's running totals as of its newest entry (also what bench/DataBench times and explains): one
    /// row of the unique (AccountId, Sequence) index, however long the ledger. The tenant filter stays on as a second
    /// guard. Summing the entries instead read every one of them (500,000 for the bench's large account).</summary>
    public static IQueryable<BalanceTotals> BalanceQuery(AppDbContext db, Guid accountId) =>
        Newest(db, accountId).Select(e => new BalanceTotals(e.BalanceAfter, e.ReservedAfter, e.Sequence));

    private static IQueryable<CreditLedgerEntry> Newest(AppDbContext db, Guid accountId) =>
        db.CreditLedger.Where(e => e.AccountId == accountId).OrderByDescending(e => e.Sequence).Take(1);

    /// <summary>How many entries the account has: the newest one's sequence number (they have no gaps).</summary>
    public async Task<long> CountAsync(Guid accountId, CancellationToken ct) =>
        await Newest(db, accountId).Select(e => e.Sequence).FirstOrDefaultAsync(ct);
}

/// <summary>An account's credit totals as of its newest ledger entry, and how many entries it has.</summary>
public sealed record BalanceTotals(long Balance, long Reserved, long Entries);
