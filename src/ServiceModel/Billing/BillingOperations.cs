using System.ComponentModel.DataAnnotations;

namespace Vtis.ServiceModel.Billing;

/// <summary>The credit packs on sale. Answers 503 (<c>/problems/billing-disabled</c>) when the server has no Stripe keys.</summary>
[Route("/api/v1/billing/packs", "GET"), Anonymous, Tag("Billing")]
public sealed class ListCreditPacks : IReturn<CreditPackList>;

/// <summary>Starts buying a pack: a Stripe Checkout Session whose page the browser is sent to. Credits arrive when
/// Stripe reports the payment (webhook), not when this answers. An <c>Idempotency-Key</c> header is passed on to Stripe.</summary>
[Route("/api/v1/billing/checkout", "POST"), Tag("Billing")]
public sealed class CreateCheckout : IReturn<CheckoutStarted>
{
    /// <summary>The pack to buy (<see cref="CreditPack.Id"/>).</summary>
    [Required, StringLength(50)]
    public string PackId { get; set; } = "";
}

/// <summary>A Stripe customer portal session (invoices, receipts, payment methods) for the account.</summary>
[Route("/api/v1/billing/portal", "POST"), Tag("Billing")]
public sealed class CreatePortalSession : IReturn<PortalSession>;

/// <summary>The account's purchases, newest first.</summary>
[Route("/api/v1/billing/purchases", "GET"), Tag("Billing")]
public sealed class ListPurchases : PagedRequest, IReturn<PagedResult<PurchaseView>>;

/// <summary>The catalog.</summary>
public sealed class CreditPackList
{
    /// <summary>Packs in catalog order.</summary>
    public IReadOnlyList<CreditPack> Packs { get; set; } = [];

    /// <summary>Stripe publishable key, for clients that use Stripe.js.</summary>
    public string? PublishableKey { get; set; }
}

/// <summary>A pack of credits for sale.</summary>
public sealed class CreditPack
{
    /// <summary>Stable id, e.g. <c>starter</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>Name shown to buyers.</summary>
    public string Name { get; set; } = "";

    /// <summary>Credits granted when paid.</summary>
    public long Credits { get; set; }

    /// <summary>Price in the currency's minor units (cents).</summary>
    public long UnitAmount { get; set; }

    /// <summary>ISO 4217 currency, lower case (Stripe's form), e.g. <c>usd</c>.</summary>
    public string Currency { get; set; } = "";
}

/// <summary>Where to send the buyer.</summary>
public sealed class CheckoutStarted
{
    /// <summary>Stripe Checkout page.</summary>
    public string Url { get; set; } = "";

    /// <summary>Checkout Session id (<c>cs_…</c>).</summary>
    public string SessionId { get; set; } = "";

    /// <summary>The purchase this checkout will complete.</summary>
    public Guid PurchaseId { get; set; }
}

/// <summary>A Stripe customer portal page.</summary>
public sealed class PortalSession
{
    /// <summary>Portal page.</summary>
    public string Url { get; set; } = "";
}

/// <summary>Where a purchase is.</summary>
public enum PurchaseStatus
{
    /// <summary>Checkout started; not paid yet.</summary>
    Pending = 0,

    /// <summary>Checkout completed with a payment method that settles later (bank debit).</summary>
    AwaitingPayment = 1,

    /// <summary>Paid and credited.</summary>
    Paid = 2,

    /// <summary>The payment failed; nothing was credited.</summary>
    Failed = 3,

    /// <summary>Part of the payment was refunded; that share of the credits was taken back.</summary>
    PartiallyRefunded = 4,

    /// <summary>Refunded in full; the credits were taken back.</summary>
    Refunded = 5,

    /// <summary>The buyer disputed the charge; the credits are frozen until it closes.</summary>
    Disputed = 6,

    /// <summary>The dispute was lost; the credits were taken back.</summary>
    DisputeLost = 7,

    /// <summary>Checkout was left unpaid until Stripe closed it.</summary>
    Expired = 8,
}

/// <summary>A purchase as its buyer sees it.</summary>
public sealed class PurchaseView
{
    /// <summary>Purchase id.</summary>
    public Guid Id { get; set; }

    /// <summary>Pack bought.</summary>
    public string PackId { get; set; } = "";

    /// <summary>Pack name at the time of purchase.</summary>
    public string PackName { get; set; } = "";

    /// <summary>Credits the pack grants.</summary>
    public long Credits { get; set; }

    /// <summary>Amount charged, in minor units (0 until paid).</summary>
    public long AmountPaid { get; set; }

    /// <summary>Amount refunded so far, in minor units.</summary>
    public long AmountRefunded { get; set; }

    /// <summary>Currency (ISO 4217, lower case).</summary>
    public string Currency { get; set; } = "";

    /// <summary>Credits taken back by refunds or a lost dispute.</summary>
    public long CreditsRefunded { get; set; }

    /// <summary>Credits frozen by an open dispute.</summary>
    public long CreditsFrozen { get; set; }

    /// <summary>Status.</summary>
    public PurchaseStatus Status { get; set; }

    /// <summary>Stripe Checkout Session id.</summary>
    public string CheckoutSessionId { get; set; } = "";

    /// <summary>Started (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Paid and credited (UTC).</summary>
    public DateTimeOffset? PaidAt { get; set; }
}
