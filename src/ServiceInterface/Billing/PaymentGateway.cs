using Microsoft.AspNetCore.Http;
using Stripe;
using Vtis.ServiceInterface.Common;

namespace Vtis.ServiceInterface.Billing;

/// <summary>What billing asks of the payment provider. Stripe in production; the tests point the same client at a
/// fake that speaks Stripe's wire protocol (<see cref="StripeOptions.ApiBase"/>).</summary>
public interface IPaymentGateway
{
    Task<string> CreateCustomerAsync(Guid accountId, string email, string name, CancellationToken ct);

    Task<(string Id, string Url)> CreateCheckoutAsync(CheckoutRequest request, CancellationToken ct);

    Task<string> CreatePortalAsync(string customerId, string returnUrl, CancellationToken ct);
}

/// <summary>One Checkout Session for one pack, paid once (mode <c>payment</c>).</summary>
public sealed record CheckoutRequest(
    Guid AccountId, Guid PurchaseId, CreditPackOptions Pack, string CustomerId, string SuccessUrl, string CancelUrl, string? IdempotencyKey);

public static class BillingProblems
{
    public static ProblemException Disabled() =>
        new(StatusCodes.Status503ServiceUnavailable, "billing-disabled", "Billing is not available",
            "This server sells no credits: Stripe is not configured (Stripe:SecretKey).");

    public static ProblemException Provider(StripeException e) =>
        new(StatusCodes.Status502BadGateway, "payment-provider-error", "The payment provider refused the request",
            e.StripeError?.Message ?? e.Message);
}

/// <summary>Stripe through Stripe.net: customers, Checkout Sessions (with an invoice, so receipts and invoice history
/// exist) and customer portal sessions. Metadata carries the account, the pack and the purchase, so the webhook can
/// credit from the event alone.</summary>
public sealed class StripeGateway(IStripeClient client) : IPaymentGateway
{
    public const string AccountKey = "accountId";
    public const string PackKey = "packId";
    public const string PurchaseKey = "purchaseId";

    public async Task<string> CreateCustomerAsync(Guid accountId, string email, string name, CancellationToken ct)
    {
        var customer = await Call(() => new CustomerService(client).CreateAsync(new CustomerCreateOptions
        {
            Email = email,
            Name = string.IsNullOrWhiteSpace(name) ? null : name,
            Metadata = new Dictionary<string, string> { [AccountKey] = accountId.ToString() },
        }, new RequestOptions { IdempotencyKey = $"customer-{accountId}" }, ct));
        return customer.Id;
    }

    public async Task<(string Id, string Url)> CreateCheckoutAsync(CheckoutRequest request, CancellationToken ct)
    {
        var metadata = new Dictionary<string, string>
        {
            [AccountKey] = request.AccountId.ToString(),
            [PackKey] = request.Pack.Id,
            [PurchaseKey] = request.PurchaseId.ToString(),
        };
        var line = string.IsNullOrWhiteSpace(request.Pack.PriceId)
            ? new Stripe.Checkout.SessionLineItemOptions
            {
                Quantity = 1,
                PriceData = new Stripe.Checkout.SessionLineItemPriceDataOptions
                {
                    Currency = request.Pack.Currency,
                    UnitAmount = request.Pack.UnitAmount,
                    ProductData = new Stripe.Checkout.SessionLineItemPriceDataProductDataOptions { Name = request.Pack.Name },
                },
            }
            : new Stripe.Checkout.SessionLineItemOptions { Quantity = 1, Price = request.Pack.PriceId };
        var session = await Call(() => new Stripe.Checkout.SessionService(client).CreateAsync(new Stripe.Checkout.SessionCreateOptions
        {
            Mode = "payment",
            Customer = request.CustomerId,
            ClientReferenceId = request.AccountId.ToString(),
            LineItems = [line],
            Metadata = metadata,
            PaymentIntentData = new Stripe.Checkout.SessionPaymentIntentDataOptions { Metadata = metadata },
            InvoiceCreation = new Stripe.Checkout.SessionInvoiceCreationOptions { Enabled = true },
            SuccessUrl = request.SuccessUrl,
            CancelUrl = request.CancelUrl,
        }, new RequestOptions { IdempotencyKey = request.IdempotencyKey }, ct));
        return (session.Id, session.Url);
    }

    public async Task<string> CreatePortalAsync(string customerId, string returnUrl, CancellationToken ct)
    {
        var session = await Call(() => new Stripe.BillingPortal.SessionService(client).CreateAsync(
            new Stripe.BillingPortal.SessionCreateOptions { Customer = customerId, ReturnUrl = returnUrl }, cancellationToken: ct));
        return session.Url;
    }

    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (StripeException e)
        {
            throw BillingProblems.Provider(e);
        }
    }
}
