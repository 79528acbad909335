using Vtis.ServiceModel.Auth;

namespace Vtis.ServiceModel.Credits;

/// <summary>The account's credit balance: total, reserved by running jobs, and available.</summary>
[Route("/api/v1/credits", "GET"), Tag("Credits")]
public sealed class GetCredits : IReturn<CreditBalance>;

/// <summary>The account's credit ledger, newest first. Every change of credits is one entry.</summary>
[Route("/api/v1/credits/ledger", "GET"), Tag("Credits")]
public sealed class ListLedger : PagedRequest, IReturn<PagedResult<LedgerEntry>>;

/// <summary>One movement of credits.</summary>
public sealed class LedgerEntry
{
    /// <summary>Entry id (increasing).</summary>
    public long Id { get; set; }

    /// <summary>grant, purchase, reserve, release, charge, refund, adjustment, freeze (a dispute holds a purchase's
    /// credits) or unfreeze.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Change of the balance (negative for charges and refunds).</summary>
    public long Amount { get; set; }

    /// <summary>Change of the reserved credits (positive when reserving, negative when released or charged).</summary>
    public long Hold { get; set; }

    /// <summary>The job this entry belongs to, if any.</summary>
    public Guid? JobId { get; set; }

    /// <summary>Why, in words.</summary>
    public string? Reason { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
