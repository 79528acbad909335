using Microsoft.EntityFrameworkCore;

namespace Vtis.ServiceInterface.Data;

/// <summary>Mapping of webhook endpoints, the outbox and deliveries.</summary>
internal static class WebhookModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<WebhookEndpoint>(e =>
        {
            e.Property(w => w.Url).HasMaxLength(2000);
            e.Property(w => w.Description).HasMaxLength(500);
            e.Property(w => w.EventTypes).HasMaxLength(500);
            // Sealed by WebhookSecrets (data protection): about 170 characters for a 38-character secret.
            e.Property(w => w.Secret).HasMaxLength(400);
            e.Property(w => w.PreviousSecret).HasMaxLength(400);
            e.Property(w => w.DisabledReason).HasMaxLength(200);
            e.Ignore(w => w.Types);
            e.HasIndex(w => new { w.AccountId, w.CreatedAt });
            e.HasOne<Account>().WithMany().HasForeignKey(w => w.AccountId);
        });

        modelBuilder.Entity<WebhookMessage>(e =>
        {
            e.Property(m => m.Id).HasMaxLength(40);
            e.Property(m => m.EventType).HasMaxLength(50);
            e.HasIndex(m => new { m.AccountId, m.CreatedAt });
            e.HasOne<Account>().WithMany().HasForeignKey(m => m.AccountId);
        });

        modelBuilder.Entity<WebhookDelivery>(e =>
        {
            e.Property(d => d.MessageId).HasMaxLength(40);
            e.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(d => d.Version).IsConcurrencyToken();
            e.HasOne(d => d.Message).WithMany().HasForeignKey(d => d.MessageId);
            e.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(d => d.AttemptLog).WithOne().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(d => new { d.EndpointId, d.CreatedAt });
            e.HasIndex(d => new { d.Status, d.NextAttemptAt });
            e.HasIndex(d => d.MessageId);
        });

        modelBuilder.Entity<WebhookAttempt>(e =>
        {
            e.Property(a => a.ResponseSnippet).HasMaxLength(1000);
            e.Property(a => a.Error).HasMaxLength(500);
            e.HasIndex(a => new { a.DeliveryId, a.Id });
        });
    }
}
