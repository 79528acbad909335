using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vtis.ServiceInterface.Billing;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Credits;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceInterface.Webhooks;
using Vtis.ServiceModel;
using Vtis.ServiceModel.Admin;
using Vtis.ServiceModel.Credits;

namespace Vtis.ServiceInterface.Admin;

/// <summary>Operators' view of money: credit adjustments, purchases and the Stripe event inbox.</summary>
public sealed class AdminBillingService(AppDbContext db, IServiceScopeFactory scopes, IBillingQueue queue, ICurrentUser caller) :
    IHandle<AdjustCredits, LedgerEntry>,
    IHandle<ListAllPurchases, PagedResult<AdminPurchase>>,
    IHandle<ListStripeEvents, PagedResult<StripeEventView>>,
    IHandle<ReprocessStripeEvent, StripeEventView>
{
    public async Task<LedgerEntry> Handle(AdjustCredits request, CancellationToken ct)
    {
        if (request.Amount == 0) throw Problems.Field(nameof(request.Amount), "An adjustment must move credits (not 0).");
        // The entry belongs to another account than the admin's: it is written as trusted system work.
        await using var scope = scopes.CreateSystemScope();
        var system = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!await system.Accounts.AnyAsync(a => a.Id == request.AccountId, ct)) throw Problems.NotFound("The account");
        var ledger = scope.ServiceProvider.GetRequiredService<CreditLedger>();
        var outbox = scope.ServiceProvider.GetRequiredService<WebhookOutbox>();
        IReadOnlyList<WebhookDelivery> low;
        CreditLedgerEntry entry;
        await using (var tx = await system.Database.BeginTransactionAsync(ct))
        {
            await ledger.LockAccountAsync(request.AccountId, ct);
            entry = ledger.Adjust(request.AccountId, request.Amount, request.Reason.Trim(), caller.UserId);
            low = await outbox.StageCreditsLowAsync(request.AccountId, ledger, ct);
            await system.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        outbox.Dispatch(low);
        return CreditService.View(entry);
    }

    public async Task<PagedResult<AdminPurchase>> Handle(ListAllPurchases request, CancellationToken ct)
    {
        var (page, size) = Paging.Of(request);
        var query = db.Purchases.IgnoreQueryFilters().AsNoTracking();
        if (request.Status is { } status) query = query.Where(p => p.Status == status);
        if (request.AccountId is { } account) query = query.Where(p => p.AccountId == account);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new PagedResult<AdminPurchase>
        {
            Page = page,
            PageSize = size,
            Total = total,
            Items = [.. rows.Select(p => new AdminPurchase
            {
                Purchase = BillingService.View(p),
                AccountId = p.AccountId,
                CustomerId = p.CustomerId,
                PaymentIntentId = p.PaymentIntentId,
                DisputeStatus = p.DisputeStatus,
            })],
        };
    }

    public async Task<PagedResult<StripeEventView>> Handle(ListStripeEvents request, CancellationToken ct)
    {
        var (page, size) = Paging.Of(request);
        var query = db.StripeEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(request.Type)) query = query.Where(e => e.Type == request.Type.Trim());
        if (request.Unprocessed == true) query = query.Where(e => e.ProcessedAt == null);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(e => e.ReceivedAt).ThenBy(e => e.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new PagedResult<StripeEventView> { Page = page, PageSize = size, Total = total, Items = [.. rows.Select(View)] };
    }

    public async Task<StripeEventView> Handle(ReprocessStripeEvent request, CancellationToken ct)
    {
        var record = await db.StripeEvents.SingleOrDefaultAsync(e => e.Id == request.Id, ct) ?? throw Problems.NotFound($"Stripe event {request.Id}");
        record.ProcessedAt = null;
        record.Outcome = "queued again by an operator";
        await db.SaveChangesAsync(ct);
        queue.EnqueueStripeEvent(record.Id);
        return View(record);
    }

    private static StripeEventView View(StripeEvent e) => new()
    {
        Id = e.Id,
        Type = e.Type,
        CreatedAt = e.CreatedAt,
        ReceivedAt = e.ReceivedAt,
        ProcessedAt = e.ProcessedAt,
        Outcome = e.Outcome,
        Attempts = e.Attempts,
        PurchaseId = e.PurchaseId,
    };
}
