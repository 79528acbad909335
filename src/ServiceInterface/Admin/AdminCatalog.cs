using Microsoft.EntityFrameworkCore;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceModel.Admin;

namespace Vtis.ServiceInterface.Admin;

/// <summary>
/// Every resource of the admin console, in menu order. Adding a resource or an action here (with the operation
/// behind it) is all it takes for the console to show it. Secrets (password hashes, API key and webhook secrets,
/// GhostCut callback tokens) are never declared, so no row carries them.
/// </summary>
public static class AdminCatalog
{
    private static readonly Dictionary<string, string> Account = new() { ["accountId"] = "id" };
    private static readonly Dictionary<string, string> OwnAccount = new() { ["accountId"] = "accountId" };

    public static readonly IReadOnlyList<AdminResource> Resources =
    [
        new AdminResource<User>("users", "Users", db => db.Users)
            .Show(u => u.Id).Show(u => u.Email, sort: true, search: true).Show(u => u.DisplayName, search: true)
            .Show(u => u.AccountId, filter: true, references: "accounts").Show(u => u.IsAdmin, filter: true, label: "Admin")
            .Show(u => u.DisabledAt, sort: true, label: "Disabled").Show(u => u.LockoutEnd, label: "Locked until")
            .Show(u => u.AccessFailedCount, detailOnly: true, label: "Failed sign-ins").Show(u => u.CreatedAt, sort: true)
            .SortedBy(u => u.CreatedAt)
            .Action<SetUserDisabled>("Disable", values: new Dictionary<string, object?> { ["disabled"] = true }, confirm: true)
            .Action<SetUserDisabled>("Enable", values: new Dictionary<string, object?> { ["disabled"] = false })
            .Action<SetUserAdmin>("Make admin", values: new Dictionary<string, object?> { ["admin"] = true }, confirm: true)
            .Action<SetUserAdmin>("Remove admin", values: new Dictionary<string, object?> { ["admin"] = false }, confirm: true)
            .Action<AdjustCredits>("Grant or deduct credits", rowValues: OwnAccount),

        new AdminResource<Data.Account>("accounts", "Accounts", db => db.Accounts)
            .Show(a => a.Id).Show(a => a.Name, sort: true, search: true).Show(a => a.StripeCustomerId, filter: true, label: "Stripe customer")
            .Show(a => a.CreatedAt, sort: true)
            .SortedBy(a => a.CreatedAt)
            .Action<AdjustCredits>("Grant or deduct credits", rowValues: Account),

        new AdminResource<Job>("jobs", "Jobs", db => db.Jobs.IgnoreQueryFilters())
            .Show(j => j.Id).Show(j => j.DisplayName, sort: true, search: true).Show(j => j.Status, filter: true, sort: true)
            .Show(j => j.Processor, filter: true).Show(j => j.ProgressPercentage, label: "Progress %")
            .Show(j => j.AccountId, filter: true, references: "accounts").Show(j => j.UserId, filter: true, references: "users", detailOnly: true)
            .Show(j => j.EstimatedCredits, sort: true, label: "Credits").Show(j => j.ActualCreditsUsed, detailOnly: true, label: "Credits charged")
            .Show(j => j.ErrorCode, filter: true).Show(j => j.ErrorMessage, detailOnly: true).Show(j => j.RemoteTaskId, filter: true, detailOnly: true, label: "GhostCut work")
            .Show(j => j.Attempts, detailOnly: true).Show(j => j.OriginalFilename, search: true, detailOnly: true)
            .Show(j => j.CreatedAt, sort: true).Show(j => j.StartedAt, detailOnly: true).Show(j => j.CompletedAt, sort: true)
            .SortedBy(j => j.CreatedAt)
            .Action<AdminCancelJob>("Cancel", confirm: true)
            .Action<AdminRetryJob>("Retry", confirm: true),

        new AdminResource<CreditLedgerEntry>("ledger", "Ledger", db => db.CreditLedger.IgnoreQueryFilters())
            .Show(e => e.Id).Show(e => e.AccountId, filter: true, references: "accounts").Show(e => e.Kind, filter: true, sort: true)
            .Show(e => e.Amount, sort: true).Show(e => e.Hold).Show(e => e.JobId, filter: true, references: "jobs")
            .Show(e => e.Reference, filter: true, search: true).Show(e => e.Reason, search: true)
            .Show(e => e.CreatedByUserId, references: "users", detailOnly: true, label: "By").Show(e => e.CreatedAt, sort: true)
            .SortedBy(e => e.Id),

        new AdminResource<Purchase>("purchases", "Purchases", db => db.Purchases.IgnoreQueryFilters())
            .Show(p => p.Id).Show(p => p.AccountId, filter: true, references: "accounts").Show(p => p.PackName, search: true)
            .Show(p => p.Status, filter: true, sort: true).Show(p => p.Credits).Show(p => p.AmountPaid, sort: true).Show(p => p.Currency)
            .Show(p => p.AmountRefunded).Show(p => p.CreditsRefunded, detailOnly: true).Show(p => p.CreditsFrozen)
            .Show(p => p.DisputeStatus, filter: true).Show(p => p.CheckoutSessionId, filter: true, search: true, detailOnly: true)
            .Show(p => p.PaymentIntentId, filter: true, detailOnly: true).Show(p => p.CustomerId, filter: true, detailOnly: true)
            .Show(p => p.CreatedAt, sort: true).Show(p => p.PaidAt, sort: true)
            .SortedBy(p => p.CreatedAt)
            .Action<AdjustCredits>("Grant or deduct credits", rowValues: OwnAccount),

        new AdminResource<StripeEvent>("stripe-events", "Stripe events", db => db.StripeEvents)
            .Show(e => e.Id).Show(e => e.Type, filter: true, sort: true).Show(e => e.Outcome, search: true)
            .Show(e => e.PurchaseId, filter: true, references: "purchases").Show(e => e.Attempts)
            .Show(e => e.WaitingForPaymentIntent, detailOnly: true, label: "Waiting for payment").Show(e => e.CreatedAt, sort: true)
            .Show(e => e.ReceivedAt, sort: true).Show(e => e.ProcessedAt, sort: true).Show(e => e.Payload, detailOnly: true)
            .SortedBy(e => e.ReceivedAt)
            .Action<ReprocessStripeEvent>("Reprocess", confirm: true),

        new AdminResource<GhostCutCallback>("ghostcut-callbacks", "GhostCut callbacks", db => db.GhostCutCallbacks)
            .Show(c => c.Id).Show(c => c.JobId, filter: true, references: "jobs").Show(c => c.WorkId, filter: true)
            .Show(c => c.SignatureValid, filter: true, label: "Signature OK").Show(c => c.Outcome, search: true)
            .Show(c => c.ReceivedAt, sort: true).Show(c => c.ProcessedAt, sort: true).Show(c => c.Body, detailOnly: true)
            .SortedBy(c => c.Id),

        new AdminResource<WebhookEndpoint>("webhook-endpoints", "Webhook endpoints", db => db.WebhookEndpoints.IgnoreQueryFilters())
            .Show(e => e.Id).Show(e => e.AccountId, filter: true, references: "accounts").Show(e => e.Url, search: true)
            .Show(e => e.EventTypes).Show(e => e.Enabled, filter: true).Show(e => e.FailingSince, sort: true)
            .Show(e => e.DisabledReason).Show(e => e.Description, detailOnly: true).Show(e => e.DisabledAt, detailOnly: true)
            .Show(e => e.CreatedAt, sort: true)
            .SortedBy(e => e.CreatedAt),

        new AdminResource<WebhookDelivery>("webhook-deliveries", "Webhook deliveries", db => db.WebhookDeliveries.IgnoreQueryFilters())
            .Show(d => d.Id).Show(d => d.AccountId, filter: true, references: "accounts").Show(d => d.EndpointId, filter: true, references: "webhook-endpoints")
            .Show(d => d.MessageId, filter: true).Show(d => d.Status, filter: true, sort: true).Show(d => d.Attempts)
            .Show(d => d.NextAttemptAt, sort: true).Show(d => d.CreatedAt, sort: true).Show(d => d.UpdatedAt, detailOnly: true)
            .SortedBy(d => d.CreatedAt)
            .Action<AdminReplayDelivery>("Replay"),
    ];

    public static AdminResource? Find(string name) => Resources.FirstOrDefault(r => r.Info.Name == name);
}
