using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceInterface.GhostCutJobs;
using Vtis.ServiceModel;
using Vtis.ServiceModel.Billing;

namespace Vtis.ServiceInterface.Billing;

/// <summary>The catalog, Checkout, the customer portal and the account's purchases. Every operation answers 503
/// when the server has no Stripe keys.</summary>
public sealed class BillingService(
    AppDbContext db, IPaymentGateway gateway, PurchaseLedger purchases, IOptions<StripeOptions> stripe, IOptions<BillingOptions> billing,
    IOptions<PublicUrlOptions> publicUrl, ICurrentUser caller, IHttpContextAccessor http) :
    IHandle<ListCreditPacks, CreditPackList>,
    IHandle<CreateCheckout, CheckoutStarted>,
    IHandle<CreatePortalSession, PortalSession>,
    IHandle<ListPurchases, PagedResult<PurchaseView>>
{
    public Task<CreditPackList> Handle(ListCreditPacks request, CancellationToken ct)
    {
        EnsureEnabled();
        return Task.FromResult(new CreditPackList
        {
            Packs = [.. billing.Value.EffectivePacks.Select(p => new CreditPack
            {
                Id = p.Id, Name = p.Name, Credits = p.Credits, UnitAmount = p.UnitAmount, Currency = p.Currency,
            })],
            PublishableKey = stripe.Value.PublishableKey,
        });
    }

    public async Task<CheckoutStarted> Handle(CreateCheckout request, CancellationToken ct)
    {
        EnsureEnabled();
        var pack = billing.Value.EffectivePacks.FirstOrDefault(p => p.Id == request.PackId)
            ?? throw Problems.Field(nameof(request.PackId), $"No pack is called '{request.PackId}'.");
        var key = IdempotencyKey();
        // With a key, the purchase id follows from it, so a repeated request sends Stripe the same parameters and
        // Stripe answers with the same session instead of refusing the key.
        var purchaseId = key is null ? Guid.CreateVersion7() : KeyedId(caller.AccountId, key);
        if (key is not null && await FindAsync(purchaseId, ct) is { } earlier)
        {
            return earlier.PackId == pack.Id ? Started(earlier)
                : throw Problems.Conflict("idempotency-key-reused", $"The {Common.IdempotencyKey.Header} was used for another pack.");
        }

        var customer = await EnsureCustomerAsync(ct);
        var origin = Origin();
        var (sessionId, url) = await gateway.CreateCheckoutAsync(new CheckoutRequest(caller.AccountId, purchaseId, pack, customer,
            billing.Value.SuccessUrl ?? $"{origin}/billing?checkout=success&session_id={{CHECKOUT_SESSION_ID}}",
            billing.Value.CancelUrl ?? $"{origin}/billing?checkout=cancelled", key), ct);

        var purchase = purchases.NewPurchase(caller.AccountId, pack, sessionId, customer, purchaseId, caller.UserId);
        purchase.CheckoutUrl = url;
        db.Purchases.Add(purchase);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same request, concurrently: Stripe gave both the same session, and the other stored it first.
            return Started(await FindBySessionAsync(sessionId) ?? throw new InvalidOperationException($"Purchase of {sessionId} not stored."));
        }
        return Started(purchase);
    }

    public async Task<PortalSession> Handle(CreatePortalSession request, CancellationToken ct)
    {
        EnsureEnabled();
        var customer = await EnsureCustomerAsync(ct);
        return new PortalSession { Url = await gateway.CreatePortalAsync(customer, billing.Value.PortalReturnUrl ?? $"{Origin()}/billing", ct) };
    }

    public async Task<PagedResult<PurchaseView>> Handle(ListPurchases request, CancellationToken ct)
    {
        var (page, size) = Paging.Of(request);
        var total = await db.Purchases.CountAsync(ct);
        var rows = await db.Purchases.AsNoTracking().OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
            .Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new PagedResult<PurchaseView> { Page = page, PageSize = size, Total = total, Items = [.. rows.Select(View)] };
    }

    public static PurchaseView View(Purchase p) => new()
    {
        Id = p.Id,
        PackId = p.PackId,
        PackName = p.PackName,
        Credits = p.Credits,
        AmountPaid = p.AmountPaid,
        AmountRefunded = p.AmountRefunded,
        Currency = p.Currency,
        CreditsRefunded = p.CreditsRefunded,
        CreditsFrozen = p.CreditsFrozen,
        Status = p.Status,
        CheckoutSessionId = p.CheckoutSessionId,
        CreatedAt = p.CreatedAt,
        PaidAt = p.PaidAt,
    };

    private void EnsureEnabled()
    {
        if (!stripe.Value.Enabled) throw BillingProblems.Disabled();
    }

    /// <summary>The account's Stripe customer, created on first use. Two requests at once create it once: Stripe gets
    /// the same idempotency key, and only the first to store it wins.</summary>
    private async Task<string> EnsureCustomerAsync(CancellationToken ct)
    {
        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == caller.AccountId, ct);
        if (account.StripeCustomerId is { } existing) return existing;
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == caller.UserId, ct);
        var created = await gateway.CreateCustomerAsync(account.Id, user.Email, user.DisplayName, ct);
        await db.Accounts.Where(a => a.Id == account.Id && a.StripeCustomerId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.StripeCustomerId, created), ct);
        return await db.Accounts.Where(a => a.Id == account.Id).Select(a => a.StripeCustomerId!).SingleAsync(ct);
    }

    private Task<Purchase?> FindAsync(Guid id, CancellationToken ct) => db.Purchases.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);

    private Task<Purchase?> FindBySessionAsync(string sessionId) =>
        db.Purchases.AsNoTracking().SingleOrDefaultAsync(p => p.CheckoutSessionId == sessionId, CancellationToken.None);

    private static CheckoutStarted Started(Purchase purchase) =>
        new() { Url = purchase.CheckoutUrl ?? "", SessionId = purchase.CheckoutSessionId, PurchaseId = purchase.Id };

    private string Origin()
    {
        if (Uri.TryCreate(publicUrl.Value.PublicBaseUrl, UriKind.Absolute, out var configured)) return configured.GetLeftPart(UriPartial.Authority);
        var request = http.HttpContext?.Request ?? throw new InvalidOperationException("Checkout needs a request or App:PublicBaseUrl.");
        return $"{request.Scheme}://{request.Host}";
    }

    private string? IdempotencyKey() => Common.IdempotencyKey.Of(http.HttpContext);

    /// <summary>A stable id for (account, key): the same request twice names the same purchase.</summary>
    private static Guid KeyedId(Guid accountId, string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{accountId:N}:{key}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // RFC 9562 version 8 (custom), variant 10
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
