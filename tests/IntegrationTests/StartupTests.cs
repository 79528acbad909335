using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vtis.Client;
using Vtis.IntegrationTests.Support;
using Vtis.ServiceInterface.Accounts;
using Vtis.ServiceModel.Auth;

namespace Vtis.IntegrationTests;

/// <summary>Tests that need an app of their own, with settings the shared apps don't have.</summary>
public sealed class StartupTests
{
    [Test]
    public async Task Auth_endpoints_are_rate_limited_per_address_with_retry_after()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite, new Dictionary<string, string?>
        {
            ["RateLimits:AuthPermitLimit"] = "3",
            ["RateLimits:AuthWindowSeconds"] = "600",
        });
        var client = app.NewClient();
        for (var i = 0; i < 3; i++)
            Assert.That(Assert.ThrowsAsync<ApiException>(() => client.SendAsync(new Login { Email = "x@example.test", Password = "whatever-1" }))!.Status, Is.EqualTo(401));

        var limited = Assert.ThrowsAsync<ApiException>(() => client.SendAsync(new Register { Email = "y@example.test", Password = "whatever-1" }));
        Assert.That(limited!.Status, Is.EqualTo(429));
        Assert.That(limited.Type, Is.EqualTo("/problems/rate-limited"));
        Assert.That(limited.RetryAfter, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromSeconds(600)));

        // Operations outside the auth policy are not affected.
        Assert.That(Assert.ThrowsAsync<ApiException>(() => client.SendAsync(new GetMe()))!.Status, Is.EqualTo(401));
    }

    [Test]
    public void Production_database_without_a_signing_key_refuses_to_start_and_names_the_setting()
    {
        var error = Assert.CatchAsync(async () =>
        {
            await using var app = await TestApp.StartAsync(Db.Postgres, new Dictionary<string, string?> { ["Jwt:SigningKey"] = null });
        });
        Assert.That(error, Is.InstanceOf<OptionsValidationException>().Or.InnerException.InstanceOf<OptionsValidationException>());
        Assert.That(error!.ToString(), Does.Contain("Jwt:SigningKey"));
    }

    [Test]
    public async Task Embedded_default_without_admin_settings_creates_a_random_admin_once()
    {
        var console = new StringWriter();
        var original = Console.Out;
        Console.SetOut(console);
        TestApp app;
        try
        {
            app = await TestApp.StartAsync(Db.Sqlite, new Dictionary<string, string?> { ["Admin:Email"] = null, ["Admin:Password"] = null });
        }
        finally
        {
            Console.SetOut(original);
        }

        await using (app)
        {
            var printed = System.Text.RegularExpressions.Regex.Match(console.ToString(), "password: (\\S+)");
            Assert.That(printed.Success, Is.True, "the generated password is printed once");
            var tokens = await app.NewClient().SendAsync(new Login { Email = AdminSeeder.DefaultEmail, Password = printed.Groups[1].Value });
            var me = await app.NewClient(tokens.AccessToken).SendAsync(new GetMe());
            Assert.That(me.Roles, Does.Contain("admin"));
            Assert.That(await app.WithDatabaseAsync(d => d.Users.CountAsync(u => u.IsAdmin)), Is.EqualTo(1));
        }
    }
}
