using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vtis.ServiceInterface.Data;

/// <summary>Mapping of uploads, jobs, their events and the GhostCut callback inbox.</summary>
internal static class JobModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Upload>(e =>
        {
            e.Property(u => u.FileName).HasMaxLength(255);
            e.Property(u => u.ContentType).HasMaxLength(100);
            e.Property(u => u.StorageKey).HasMaxLength(300);
            e.Property(u => u.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(u => u.RejectionReason).HasMaxLength(500);
            e.OwnsOne(u => u.Media, Media);
            e.HasIndex(u => new { u.AccountId, u.CreatedAt });
            e.HasOne<Account>().WithMany().HasForeignKey(u => u.AccountId);
        });

        modelBuilder.Entity<Job>(e =>
        {
            e.Property(j => j.OriginalFilename).HasMaxLength(255);
            e.Property(j => j.DisplayName).HasMaxLength(200);
            e.Property(j => j.SourceUrl).HasMaxLength(2000);
            e.Property(j => j.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(j => j.Processor).HasConversion<string>().HasMaxLength(20);
            e.Property(j => j.InputKey).HasMaxLength(300);
            e.Property(j => j.OutputKey).HasMaxLength(300);
            e.Property(j => j.ErrorCode).HasMaxLength(60);
            e.Property(j => j.ErrorMessage).HasMaxLength(1000);
            e.Property(j => j.RemoteTaskId).HasMaxLength(64);
            e.Property(j => j.CallbackToken).HasMaxLength(64);
            e.Property(j => j.RemoteResultUrl).HasMaxLength(2000);
            e.Property(j => j.IdempotencyKey).HasMaxLength(100);
            e.Property(j => j.Version).IsConcurrencyToken();
            e.OwnsOne(j => j.InputMedia, Media);
            e.HasIndex(j => new { j.AccountId, j.CreatedAt });
            e.HasIndex(j => new { j.Status, j.UpdatedAt });
            e.HasIndex(j => j.NextPollAt);
            e.HasIndex(j => j.CallbackToken).IsUnique();
            e.HasIndex(j => new { j.AccountId, j.IdempotencyKey }).IsUnique();
            e.HasOne<Account>().WithMany().HasForeignKey(j => j.AccountId);
        });

        modelBuilder.Entity<JobEvent>(e =>
        {
            e.Property(v => v.Kind).HasMaxLength(40);
            e.Property(v => v.Message).HasMaxLength(1000);
            e.HasIndex(v => new { v.JobId, v.Id });
            e.HasOne<Job>().WithMany().HasForeignKey(v => v.JobId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<GhostCutCallback>(e =>
        {
            e.Property(c => c.Token).HasMaxLength(64);
            e.Property(c => c.WorkId).HasMaxLength(64);
            e.Property(c => c.Outcome).HasMaxLength(200);
            e.HasIndex(c => c.JobId);
            e.HasIndex(c => c.ReceivedAt);
            // The sweep's outbox query: the few rows not processed yet (same SQL on SQLite and PostgreSQL).
            e.HasIndex(c => c.ReceivedAt, "IX_GhostCutCallbacks_Unprocessed").HasFilter("\"ProcessedAt\" IS NULL");
        });
    }

    private static void Media<T>(OwnedNavigationBuilder<T, MediaFacts> media)
        where T : class
    {
        media.Property(m => m.Container).HasMaxLength(20);
        media.Property(m => m.VideoCodec).HasMaxLength(40);
    }
}
