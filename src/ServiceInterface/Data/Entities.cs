namespace Vtis.ServiceInterface.Data;

/// <summary>An entity that belongs to one account. The DbContext filters every query by the caller's account.</summary>
public interface ITenantOwned
{
    Guid AccountId { get; set; }
}

/// <summary>The tenant: owns jobs, files, credits, API keys and webhook endpoints.</summary>
public sealed class Account
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Name { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Bumped by every credit movement inside its transaction: the row lock that serialises an
    /// account's reservations on every provider (see <c>CreditLedger.LockAccountAsync</c>).</summary>
    public long CreditVersion { get; set; }

    /// <summary>The account's Stripe customer (<c>cus_…</c>), created on its first purchase and reused after.</summary>
    public string? StripeCustomerId { get; set; }
}

public sealed class User
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid AccountId { get; set; }
    public Account? Account { get; set; }
    public string Email { get; set; } = "";

    /// <summary>Upper-cased, trimmed email: the unique login name.</summary>
    public string NormalizedEmail { get; set; } = "";

    public string DisplayName { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    public bool IsAdmin { get; set; }

    /// <summary>Set by an operator: the user cannot sign in, refresh a session or use an API key.</summary>
    public DateTimeOffset? DisabledAt { get; set; }

    public int AccessFailedCount { get; set; }
    public DateTimeOffset? LockoutEnd { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A single-use refresh token. Tokens rotated from one login share a <see cref="FamilyId"/>.</summary>
public sealed class RefreshToken
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public Guid FamilyId { get; set; }

    /// <summary>SHA-256 of the token; the token itself is never stored.</summary>
    public string TokenHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

public sealed class ApiKey : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid AccountId { get; set; }
    public Guid UserId { get; set; }
    public string Name { get; set; } = "";

    /// <summary>Public, unique start of the key used to find it.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>SHA-256 of the whole key.</summary>
    public string SecretHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>
/// One movement of credits. <see cref="Amount"/> changes the balance, <see cref="Hold"/> changes what is reserved:
/// a reserve holds (+hold), a charge spends and frees its hold (-amount, -hold), a release frees (-hold).
/// The balance is the sum of amounts; available credit is balance less the sum of holds. Rows are never updated.
/// </summary>
public sealed class CreditLedgerEntry : ITenantOwned
{
    public long Id { get; set; }
    public Guid AccountId { get; set; }
    public CreditEntryKind Kind { get; set; }
    public long Amount { get; set; }
    public long Hold { get; set; }

    /// <summary>The entry's place in its account's ledger: 1, 2, 3… without gaps, unique per account. Numbered when the
    /// entry is saved, which needs the account's credit lock (saving without it throws); the unique index is the last
    /// guard, so writers that raced anyway could not fork the running totals.</summary>
    public long Sequence { get; set; }

    /// <summary>The account's balance once this entry applies (the sum of <see cref="Amount"/> up to it), written with
    /// the entry and never changed: the balance is the newest entry's, read from one index row.</summary>
    public long BalanceAfter { get; set; }

    /// <summary>The account's reserved credits once this entry applies (the sum of <see cref="Hold"/> up to it).</summary>
    public long ReservedAfter { get; set; }

    /// <summary>The job the entry belongs to (reserve, release, charge).</summary>
    public Guid? JobId { get; set; }

    /// <summary>What caused the entry (e.g. <c>signup</c>, a job id, a Checkout Session id); unique per account and kind.</summary>
    public string? Reference { get; set; }

    public string? Reason { get; set; }
    public Guid? CreatedByUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum CreditEntryKind
{
    Grant = 1,
    Purchase = 2,
    Reserve = 3,
    Release = 4,
    Charge = 5,
    Refund = 6,
    Adjustment = 7,

    /// <summary>A disputed purchase's credits held (+hold) until the dispute closes.</summary>
    Freeze = 8,

    /// <summary>A won dispute's hold freed (-hold).</summary>
    Unfreeze = 9,
}
