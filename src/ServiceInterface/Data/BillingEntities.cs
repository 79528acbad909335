using Vtis.ServiceModel.Billing;

namespace Vtis.ServiceInterface.Data;

/// <summary>One Checkout Session for one pack: created when checkout starts, moved by Stripe's events. The credits it
/// granted, took back or froze are ledger entries; the sums here only say how far each has gone, so a repeated or
/// late event knows what is left to do.</summary>
public sealed class Purchase : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid AccountId { get; set; }
    public Guid? UserId { get; set; }
    public string PackId { get; set; } = "";
    public string PackName { get; set; } = "";

    /// <summary>Credits the pack granted when bought (later catalog changes do not touch it).</summary>
    public long Credits { get; set; }

    /// <summary>The pack's price when checkout started, in minor units.</summary>
    public long ListAmount { get; set; }

    /// <summary>What Stripe says was paid (<c>amount_total</c>), in minor units.</summary>
    public long AmountPaid { get; set; }

    public long AmountRefunded { get; set; }
    public string Currency { get; set; } = "";
    public long CreditsRefunded { get; set; }
    public long CreditsFrozen { get; set; }
    public PurchaseStatus Status { get; set; }
    public string CheckoutSessionId { get; set; } = "";

    /// <summary>The Checkout page, answered again to a repeated request (Stripe keeps it open for 24 hours).</summary>
    public string? CheckoutUrl { get; set; }

    public string? PaymentIntentId { get; set; }
    public string? CustomerId { get; set; }
    public string? DisputeId { get; set; }
    public string? DisputeStatus { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? PaidAt { get; set; }

    /// <summary>Optimistic concurrency token.</summary>
    public int Version { get; set; }
}

/// <summary>A Stripe event exactly as it arrived (the inbox), recorded by its id before anything is done with it.</summary>
public sealed class StripeEvent
{
    /// <summary>Stripe's event id (<c>evt_…</c>): a redelivery finds the row and changes nothing.</summary>
    public string Id { get; set; } = "";

    public string Type { get; set; } = "";
    public string Payload { get; set; } = "";

    /// <summary>When Stripe created the event.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }
    public string? Outcome { get; set; }
    public int Attempts { get; set; }
    public Guid? PurchaseId { get; set; }

    /// <summary>A refund or dispute for a payment no purchase knows yet waits here for the purchase's completion.</summary>
    public string? WaitingForPaymentIntent { get; set; }
}
