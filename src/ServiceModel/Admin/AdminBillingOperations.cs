using System.ComponentModel.DataAnnotations;
using Vtis.ServiceModel.Billing;
using Vtis.ServiceModel.Credits;

namespace Vtis.ServiceModel.Admin;

/// <summary>Grants (positive) or deducts (negative) credits on an account, with a reason: a ledger <c>adjustment</c>
/// (admin only). Deducting may take the balance below zero.</summary>
[Route("/api/v1/admin/accounts/{accountId}/credits", "POST", Status = 201), RequiredRole(Roles.Admin), Tag("Admin")]
public sealed class AdjustCredits : IReturn<LedgerEntry>
{
    /// <summary>The account.</summary>
    public Guid AccountId { get; set; }

    /// <summary>Credits to add (positive) or take away (negative); not zero.</summary>
    [Range(-1_000_000_000, 1_000_000_000)]
    public long Amount { get; set; }

    /// <summary>Why, for the ledger and the account's owner.</summary>
    [Required, StringLength(500, MinimumLength = 3)]
    public string Reason { get; set; } = "";
}

/// <summary>Purchases across accounts, newest first (admin only).</summary>
[Route("/api/v1/admin/purchases", "GET"), RequiredRole(Roles.Admin), Tag("Admin")]
public sealed class ListAllPurchases : PagedRequest, IReturn<PagedResult<AdminPurchase>>
{
    /// <summary>Only purchases in this status.</summary>
    public PurchaseStatus? Status { get; set; }

    /// <summary>Only this account's purchases.</summary>
    public Guid? AccountId { get; set; }
}

/// <summary>A purchase with the account and Stripe ids behind it.</summary>
public sealed class AdminPurchase
{
    /// <summary>The purchase as its buyer sees it.</summary>
    public PurchaseView Purchase { get; set; } = new();

    /// <summary>Account.</summary>
    public Guid AccountId { get; set; }

    /// <summary>Stripe customer (<c>cus_…</c>).</summary>
    public string? CustomerId { get; set; }

    /// <summary>Stripe PaymentIntent (<c>pi_…</c>), once paid.</summary>
    public string? PaymentIntentId { get; set; }

    /// <summary>Status of the dispute, if the charge was disputed.</summary>
    public string? DisputeStatus { get; set; }
}

/// <summary>Stripe events as received, newest first, with what processing did (admin only).</summary>
[Route("/api/v1/admin/stripe-events", "GET"), RequiredRole(Roles.Admin), Tag("Admin")]
public sealed class ListStripeEvents : PagedRequest, IReturn<PagedResult<StripeEventView>>
{
    /// <summary>Only events of this type, e.g. <c>charge.refunded</c>.</summary>
    [StringLength(100)]
    public string? Type { get; set; }

    /// <summary>Only events not processed yet (waiting or failed).</summary>
    public bool? Unprocessed { get; set; }
}

/// <summary>Processes a recorded Stripe event again (admin only); handlers are idempotent, so this never credits twice.</summary>
[Route("/api/v1/admin/stripe-events/{id}/reprocess", "POST", Status = 202), RequiredRole(Roles.Admin), Tag("Admin")]
public sealed class ReprocessStripeEvent : IReturn<StripeEventView>
{
    /// <summary>Stripe event id (<c>evt_…</c>).</summary>
    [Required, StringLength(100)]
    public string Id { get; set; } = "";
}

/// <summary>A Stripe event and its processing.</summary>
public sealed class StripeEventView
{
    /// <summary>Stripe event id.</summary>
    public string Id { get; set; } = "";

    /// <summary>Event type.</summary>
    public string Type { get; set; } = "";

    /// <summary>When Stripe created it (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When we received it first (UTC).</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>When processing finished (UTC); null while waiting or failing.</summary>
    public DateTimeOffset? ProcessedAt { get; set; }

    /// <summary>What processing did, in words.</summary>
    public string? Outcome { get; set; }

    /// <summary>Processing attempts.</summary>
    public int Attempts { get; set; }

    /// <summary>The purchase it concerns, when known.</summary>
    public Guid? PurchaseId { get; set; }
}
