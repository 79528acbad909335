using System.Text.Json;
using Vtis.Client;
using Vtis.IntegrationTests.Support;
using Vtis.ServiceModel;
using Vtis.ServiceModel.Admin;
using Vtis.ServiceModel.Auth;
using Vtis.ServiceModel.Jobs;
using Vtis.ServiceModel.Uploads;

namespace Vtis.IntegrationTests;

/// <summary>The admin console's server side: metadata, generic rows, CSV, actions and the system page.</summary>
public sealed class AdminConsoleTests(Db db) : ApiTest(db)
{
    [Test]
    public async Task Metadata_describes_every_resource_with_fields_and_actions_and_never_a_secret()
    {
        var admin = await App.AdminAsync();
        var metadata = await admin.SendAsync(new GetAdminMetadata());

        Assert.That(metadata.Resources.Select(r => r.Name), Is.EqualTo(new[]
        {
            "users", "accounts", "jobs", "ledger", "purchases", "stripe-events", "ghostcut-callbacks", "webhook-endpoints", "webhook-deliveries",
        }));
        var fields = metadata.Resources.SelectMany(r => r.Fields.Select(f => f.Name.ToLowerInvariant())).ToList();
        Assert.That(fields, Has.None.Contains("password").And.None.Contains("secret").And.None.Contains("token").And.None.EqualTo("checkouturl"));
        var adjust = metadata.Resources.Single(r => r.Name == "accounts").Actions.Single(a => a.Name == "AdjustCredits");
        Assert.That((adjust.Method, adjust.Route, adjust.RowValues["accountId"]), Is.EqualTo(("POST", "/api/v1/admin/accounts/{accountId}/credits", "id")));
        Assert.That(adjust.Inputs.Select(i => (i.Name, i.Type, i.Required)), Is.EqualTo(new[] { ("amount", "integer", false), ("reason", "string", true) }));
        Assert.That(adjust.Inputs.Single(i => i.Name == "reason").MaxLength, Is.EqualTo(500));
        var status = metadata.Resources.Single(r => r.Name == "jobs").Fields.Single(f => f.Name == "status");
        Assert.That((status.Type, status.Filterable, status.Values), Is.EqualTo(("enum", true, (IReadOnlyList<string>)Enum.GetNames<JobStatus>())));
    }

    [Test]
    public async Task Rows_are_paged_sorted_filtered_and_searched_on_the_server()
    {
        var user = await App.RegisterAsync(displayName: "Console Person");
        var accountId = (await user.Client.SendAsync(new GetMe())).Account.Id;
        var admin = await App.AdminAsync();

        var found = await admin.SendAsync(new ListAdminRows { Resource = "users", Search = "console person", PageSize = 5 });
        Assert.That(found.Items.Select(r => Text(r, "email")), Does.Contain(user.Email));
        var filtered = await admin.SendAsync(new ListAdminRows { Resource = "ledger", Filter = [$"accountId:{accountId}", "kind:Grant"] });
        Assert.That(filtered.Total, Is.EqualTo(1));
        Assert.That(Text(filtered.Items[0], "reference"), Is.EqualTo("signup"));
        var sorted = await admin.SendAsync(new ListAdminRows { Resource = "users", Sort = "email", PageSize = 200 });
        var emails = sorted.Items.Select(r => Text(r, "email")).ToList();
        Assert.That(emails, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));

        var row = await admin.SendAsync(new GetAdminRow { Resource = "users", Id = Text(found.Items.First(r => Text(r, "email") == user.Email), "id") });
        Assert.That(row.ContainsKey("accessFailedCount"), Is.True, "the detail view has detail-only fields");
        Assert.That(found.Items[0].ContainsKey("accessFailedCount"), Is.False);

        var bad = Assert.ThrowsAsync<ApiException>(() => admin.SendAsync(new ListAdminRows { Resource = "users", Filter = ["passwordHash:x"] }));
        Assert.That(bad!.Status, Is.EqualTo(400));
        Assert.That(Assert.ThrowsAsync<ApiException>(() => admin.SendAsync(new ListAdminRows { Resource = "nope" }))!.Status, Is.EqualTo(404));
        Assert.That(Assert.ThrowsAsync<ApiException>(() => user.Client.SendAsync(new ListAdminRows { Resource = "users" }))!.Status, Is.EqualTo(403));
    }

    [Test]
    public async Task Export_is_csv_of_the_filtered_rows()
    {
        var user = await App.RegisterAsync();
        var accountId = (await user.Client.SendAsync(new GetMe())).Account.Id;
        var admin = await App.AdminAsync();
        var export = await admin.SendAsync(new ExportAdminRows { Resource = "ledger", Filter = [$"accountId:{accountId}"] });

        var lines = export.Csv.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.That(lines[0], Does.StartWith("id,accountId,kind,amount"));
        Assert.That((export.Rows, lines.Count), Is.EqualTo((1, 2)));
        Assert.That(lines[1], Does.Contain(accountId.ToString()).And.Contain(",Grant,10,"));
        Assert.That(export.FileName, Does.StartWith("ledger-").And.EndWith(".csv"));
    }

    [Test]
    public async Task Disabling_a_user_ends_their_sessions_and_keys_until_enabled()
    {
        var user = await App.RegisterAsync();
        var key = await user.Client.SendAsync(new ServiceModel.ApiKeys.CreateApiKey { Name = "k" });
        var admin = await App.AdminAsync();
        var id = (await user.Client.SendAsync(new GetMe())).User.Id;

        await admin.SendAsync(new SetUserDisabled { Id = id, Disabled = true });
        Assert.That(Assert.ThrowsAsync<ApiException>(() => App.NewClient().SendAsync(new Login { Email = user.Email, Password = user.Password }))!.Status, Is.EqualTo(403));
        Assert.That(Assert.ThrowsAsync<ApiException>(() => App.NewClient().SendAsync(new RefreshTokens { RefreshToken = user.Tokens.RefreshToken }))!.Status, Is.EqualTo(401));
        var byKey = App.NewClient();
        byKey.ApiKey = key.Key;
        Assert.That(Assert.ThrowsAsync<ApiException>(() => byKey.SendAsync(new GetMe()))!.Status, Is.EqualTo(401));

        await admin.SendAsync(new SetUserDisabled { Id = id, Disabled = false });
        Assert.That((await App.NewClient().SendAsync(new Login { Email = user.Email, Password = user.Password })).AccessToken, Is.Not.Empty);
        Assert.That((await byKey.SendAsync(new GetMe())).User.Id, Is.EqualTo(id));
    }

    [Test]
    public async Task An_admin_can_make_an_admin_but_not_unmake_themself()
    {
        var user = await App.RegisterAsync();
        var admin = await App.AdminAsync();
        var id = (await user.Client.SendAsync(new GetMe())).User.Id;
        var made = await admin.SendAsync(new SetUserAdmin { Id = id, Admin = true });
        Assert.That(made.Roles, Does.Contain(Roles.Admin));
        var self = (await admin.SendAsync(new GetMe())).User.Id;
        Assert.That(Assert.ThrowsAsync<ApiException>(() => admin.SendAsync(new SetUserAdmin { Id = self, Admin = false }))!.Status, Is.EqualTo(409));
        await admin.SendAsync(new SetUserAdmin { Id = id, Admin = false });
    }

    [Test]
    public async Task An_admin_cancels_another_accounts_job_and_its_credits_are_released()
    {
        var user = await App.RegisterAsync();
        var upload = await user.UploadAsync(await TestMedia.Mp4);
        var job = await user.Client.SendAsync(new SubmitJob { UploadId = upload.Id, Config = new ProcessingConfig { Processor = ProcessorKind.GhostCut } });
        var admin = await App.AdminAsync();

        await admin.SendAsync(new AdminCancelJob { Id = job.Id }); // the simulated work takes over a second
        var after = await user.Client.SendAsync(new GetJob { Id = job.Id });
        Assert.That(after.Status, Is.EqualTo(JobStatus.Cancelled));
        Assert.That(Assert.ThrowsAsync<ApiException>(() => admin.SendAsync(new AdminCancelJob { Id = job.Id }))!.Status, Is.EqualTo(409));
        await App.AssertLedgerInvariantsAsync(user);
    }

    [Test]
    public async Task An_admin_retries_a_cancelled_job_as_a_new_job_of_its_account()
    {
        var user = await App.RegisterAsync();
        var upload = await user.UploadAsync(await TestMedia.Mp4);
        var config = new ProcessingConfig
        {
            Processor = ProcessorKind.GhostCut, AutoDetect = false, RemoveStaticOverlays = false, Regions = [new CleanRegion { X0 = 0, Y0 = 0.8, X1 = 1, Y1 = 1 }],
        };
        var job = await user.Client.SendAsync(new SubmitJob { UploadId = upload.Id, DisplayName = "Interview", Config = config });
        var admin = await App.AdminAsync();
        Assert.That(Assert.ThrowsAsync<ApiException>(() => admin.SendAsync(new AdminRetryJob { Id = job.Id }))!.Status, Is.EqualTo(409),
            "a running job is not retried");
        await admin.SendAsync(new AdminCancelJob { Id = job.Id });

        var retried = await admin.SendAsync(new AdminRetryJob { Id = job.Id });

        Assert.That(retried.Id, Is.Not.EqualTo(job.Id));
        Assert.That((retried.Status, retried.DisplayName, retried.OriginalFilename), Is.EqualTo((JobStatus.Queued, "Interview", job.OriginalFilename)));
        Assert.That((retried.Config.AutoDetect, retried.Config.RemoveStaticOverlays), Is.EqualTo((false, false)), "the settings are kept");
        Assert.That(retried.Config.Regions.Single().Y0, Is.EqualTo(0.8));
        var done = await user.WaitForEndAsync(retried.Id);
        Assert.That(done.Status, Is.EqualTo(JobStatus.Completed), done.Error?.Message);
        var credits = await user.Client.SendAsync(new Vtis.ServiceModel.Credits.GetCredits());
        Assert.That((credits.Balance, credits.Reserved), Is.EqualTo((9L, 0L)), "the owner paid for the retry once; the cancelled job nothing");
        Assert.That((await user.Client.SendAsync(new ListJobs())).Items.Select(j => j.Id), Is.EquivalentTo(new[] { job.Id, retried.Id }));

        Assert.That(Assert.ThrowsAsync<ApiException>(() => admin.SendAsync(new AdminRetryJob { Id = retried.Id }))!.Status, Is.EqualTo(409),
            "a completed job is not retried");
        Assert.That(Assert.ThrowsAsync<ApiException>(() => admin.SendAsync(new AdminRetryJob { Id = Guid.NewGuid() }))!.Status, Is.EqualTo(404));
        Assert.That(Assert.ThrowsAsync<ApiException>(() => user.Client.SendAsync(new AdminRetryJob { Id = job.Id }))!.Status, Is.EqualTo(403));
        var retry = (await admin.SendAsync(new GetAdminMetadata())).Resources.Single(r => r.Name == "jobs").Actions.Single(a => a.Name == "AdminRetryJob");
        Assert.That((retry.Method, retry.Route), Is.EqualTo(("POST", "/api/v1/admin/jobs/{id}/retry")));
        await App.AssertLedgerInvariantsAsync(user);
    }

    [Test]
    public async Task The_system_page_has_health_queue_and_figures_per_day()
    {
        var admin = await App.AdminAsync();
        var status = await admin.SendAsync(new GetSystemStatus { Days = 7 });
        Assert.That(status.Checks.Select(c => c.Name), Is.SupersetOf(new[] { "database" }));
        Assert.That(status.Days, Has.Count.EqualTo(7));
        Assert.That(status.Days[^1].Day, Is.EqualTo(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(status.Queue.Storage, Is.EqualTo("redis"));
        Assert.That(status.Health, Is.AnyOf("Healthy", "Degraded"));
    }

    private static string Text(Dictionary<string, object?> row, string field) =>
        row[field] is JsonElement e ? e.ToString() : row[field]?.ToString() ?? "";
}
