using Microsoft.EntityFrameworkCore;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceModel.Auth;

namespace Vtis.ServiceInterface.Credits;

/// <summary>The one place credit arithmetic lives. Entries are added to the caller's unit of work, never saved here,
/// so a credit movement commits or rolls back with the change that causes it.</summary>
public sealed class CreditLedger(AppDbContext db, TimeProvider clock)
{
    public CreditLedgerEntry Grant(Guid accountId, long credits, string reference, string? reason = null, Guid? byUser = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(credits);
        var entry = new CreditLedgerEntry
        {
            AccountId = accountId,
            Kind = CreditEntryKind.Grant,
            Amount = credits,
            Reference = reference,
            Reason = reason,
            CreatedByUserId = byUser,
            CreatedAt = clock.GetUtcNow(),
        };
        db.CreditLedger.Add(entry);
        return entry;
    }

    public async Task<CreditBalance> GetBalanceAsync(Guid accountId, CancellationToken ct)
    {
        var totals = await db.CreditLedger
            .Where(e => e.AccountId == accountId)
            .GroupBy(_ => 1)
            .Select(g => new { Balance = g.Sum(e => e.Amount), Reserved = g.Sum(e => e.Hold) })
            .FirstOrDefaultAsync(ct);
        var balance = totals?.Balance ?? 0;
        var reserved = totals?.Reserved ?? 0;
        return new CreditBalance { Balance = balance, Reserved = reserved, Available = balance - reserved };
    }
}
