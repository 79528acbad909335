using System.ComponentModel.DataAnnotations;

namespace Vtis.ServiceInterface.Billing;

/// <summary>Settings under <c>Stripe</c>. Billing is on when <see cref="SecretKey"/> is set.</summary>
public sealed class StripeOptions
{
    public const string Section = "Stripe";

    /// <summary><c>sk_test_…</c> or <c>sk_live_…</c>. Without it, billing endpoints answer 503 and nothing else changes.</summary>
    public string? SecretKey { get; set; }

    /// <summary>The webhook endpoint's signing secret (<c>whsec_…</c>); events are refused without it.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary><c>pk_…</c>, handed to clients that use Stripe.js.</summary>
    public string? PublishableKey { get; set; }

    /// <summary>Another base URL for Stripe's API (the tests' Stripe fake); Stripe's own when unset.</summary>
    [Url]
    public string? ApiBase { get; set; }

    /// <summary>How old a signed webhook may be (Stripe's default tolerance: 5 minutes).</summary>
    [Range(1, 86_400)]
    public int WebhookToleranceSeconds { get; set; } = 300;

    public bool Enabled => !string.IsNullOrWhiteSpace(SecretKey);
}

/// <summary>Settings under <c>Billing</c>: the catalog and where Checkout sends the buyer back to.</summary>
public sealed class BillingOptions : IValidatableObject
{
    public const string Section = "Billing";

    /// <summary>Packs on sale, in order. Empty here because binding appends to an array's initial items; see <see cref="EffectivePacks"/>.</summary>
    public List<CreditPackOptions> Packs { get; set; } = [];

    /// <summary>Where Checkout returns after paying; <c>{CHECKOUT_SESSION_ID}</c> is filled in by Stripe. Default: the
    /// web app's billing page under <c>App:PublicBaseUrl</c> (or the caller's origin).</summary>
    public string? SuccessUrl { get; set; }

    /// <summary>Where Checkout returns when the buyer gives up.</summary>
    public string? CancelUrl { get; set; }

    /// <summary>Where the customer portal's "return" link goes.</summary>
    public string? PortalReturnUrl { get; set; }

    public IReadOnlyList<CreditPackOptions> EffectivePacks => Packs.Count > 0 ? Packs :
    [
        new() { Id = "starter", Name = "Starter: 50 credits", Credits = 50, UnitAmount = 500, Currency = "usd" },
        new() { Id = "standard", Name = "Standard: 200 credits", Credits = 200, UnitAmount = 1500, Currency = "usd" },
        new() { Id = "pro", Name = "Pro: 1000 credits", Credits = 1000, UnitAmount = 6000, Currency = "usd" },
    ];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Packs.Count; i++)
        {
            var pack = Packs[i];
            var name = $"Billing:Packs:{i}";
            if (string.IsNullOrWhiteSpace(pack.Id) || pack.Id.Length > 50) yield return new ValidationResult($"{name}:Id is required (at most 50 characters).");
            else if (!ids.Add(pack.Id)) yield return new ValidationResult($"{name}:Id '{pack.Id}' is used by another pack.");
            if (string.IsNullOrWhiteSpace(pack.Name)) yield return new ValidationResult($"{name}:Name is required.");
            if (pack.Credits <= 0) yield return new ValidationResult($"{name}:Credits must be positive.");
            if (string.IsNullOrWhiteSpace(pack.PriceId) && (pack.UnitAmount <= 0 || pack.Currency.Length != 3))
                yield return new ValidationResult($"{name} needs a Stripe PriceId, or UnitAmount (minor units, positive) and a 3-letter Currency.");
        }
    }
}

/// <summary>One pack: its credits and either its price (amount and currency) or a Stripe Price id.</summary>
public sealed class CreditPackOptions
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public long Credits { get; set; }

    /// <summary>Price in minor units; with a <see cref="PriceId"/>, what the catalog shows (Stripe charges the Price).</summary>
    public long UnitAmount { get; set; }

    public string Currency { get; set; } = "usd";

    /// <summary>A Stripe Price (<c>price_…</c>) to charge instead of an inline price.</summary>
    public string? PriceId { get; set; }
}
