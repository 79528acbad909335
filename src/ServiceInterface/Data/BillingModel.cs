using Microsoft.EntityFrameworkCore;

namespace Vtis.ServiceInterface.Data;

/// <summary>Mapping of purchases and the Stripe event inbox.</summary>
internal static class BillingModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Purchase>(e =>
        {
            e.Property(p => p.PackId).HasMaxLength(50);
            e.Property(p => p.PackName).HasMaxLength(100);
            e.Property(p => p.Currency).HasMaxLength(3);
            e.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(p => p.CheckoutSessionId).HasMaxLength(200);
            e.Property(p => p.CheckoutUrl).HasMaxLength(2000);
            e.Property(p => p.PaymentIntentId).HasMaxLength(100);
            e.Property(p => p.CustomerId).HasMaxLength(100);
            e.Property(p => p.DisputeId).HasMaxLength(100);
            e.Property(p => p.DisputeStatus).HasMaxLength(40);
            e.Property(p => p.Version).IsConcurrencyToken();
            e.HasIndex(p => p.CheckoutSessionId).IsUnique();
            e.HasIndex(p => p.PaymentIntentId);
            e.HasIndex(p => new { p.AccountId, p.CreatedAt });
            e.HasIndex(p => new { p.Status, p.CreatedAt });
            e.HasOne<Account>().WithMany().HasForeignKey(p => p.AccountId);
        });

        modelBuilder.Entity<StripeEvent>(e =>
        {
            e.Property(v => v.Id).HasMaxLength(100);
            e.Property(v => v.Type).HasMaxLength(100);
            e.Property(v => v.Outcome).HasMaxLength(500);
            e.Property(v => v.WaitingForPaymentIntent).HasMaxLength(100);
            e.HasIndex(v => v.ReceivedAt);
            e.HasIndex(v => v.WaitingForPaymentIntent);
            e.HasIndex(v => v.PurchaseId);
        });
    }
}
