using Microsoft.EntityFrameworkCore;
using Vtis.Client;
using Vtis.IntegrationTests.Support;
using Vtis.ServiceModel;
using Vtis.ServiceModel.Auth;

namespace Vtis.IntegrationTests;

public sealed class AuthTests(Db db) : ApiTest(db)
{
    [Test]
    public async Task Register_signs_in_and_me_shows_account_roles_and_signup_credits()
    {
        var session = await App.RegisterAsync(displayName: "Ada");

        Assert.That(session.Tokens.AccessToken, Is.Not.Empty);
        Assert.That(session.Tokens.RefreshToken, Is.Not.Empty);
        Assert.That(session.Tokens.ExpiresIn, Is.EqualTo(15 * 60));

        var me = await session.Client.SendAsync(new GetMe());
        Assert.That(me.User.Email, Is.EqualTo(session.Email));
        Assert.That(me.User.DisplayName, Is.EqualTo("Ada"));
        Assert.That(me.Account.Id, Is.Not.EqualTo(Guid.Empty));
        Assert.That(me.Roles, Is.EqualTo(new[] { Roles.User }));
        Assert.That(me.Credits.Balance, Is.EqualTo(10));
        Assert.That(me.Credits.Available, Is.EqualTo(10));
        Assert.That(me.AuthenticatedBy, Is.EqualTo("jwt"));

        var grants = await App.WithDatabaseAsync(d => d.CreditLedger.Where(e => e.AccountId == me.Account.Id).ToListAsync());
        Assert.That(grants, Has.Count.EqualTo(1));
        Assert.That(grants[0].Reference, Is.EqualTo("signup"));
    }

    [Test]
    public async Task Registering_an_email_twice_is_a_conflict_whatever_its_case()
    {
        var first = await App.RegisterAsync();

        var error = Assert.ThrowsAsync<ApiException>(() =>
            App.NewClient().SendAsync(new Register { Email = first.Email.ToUpperInvariant(), Password = "another-password" }));
        Assert.That(error!.Status, Is.EqualTo(409));
        Assert.That(error.Type, Is.EqualTo("/problems/email-taken"));
    }

    [Test]
    public void Invalid_registration_lists_every_field_error()
    {
        var client = App.NewClient();
        client.ValidateBeforeSend = false;

        var error = Assert.ThrowsAsync<ApiException>(() => client.SendAsync(new Register { Email = "not-an-email", Password = "short" }));
        Assert.That(error!.Status, Is.EqualTo(400));
        Assert.That(error.Type, Is.EqualTo("/problems/validation"));
        Assert.That(error.Errors.Keys, Is.EquivalentTo(new[] { "email", "password" }));
    }

    [Test]
    public async Task Login_with_a_wrong_password_or_unknown_email_is_401()
    {
        var session = await App.RegisterAsync();

        var wrong = Assert.ThrowsAsync<ApiException>(() =>
            App.NewClient().SendAsync(new Login { Email = session.Email, Password = "wrong-password" }));
        var unknown = Assert.ThrowsAsync<ApiException>(() =>
            App.NewClient().SendAsync(new Login { Email = "nobody@example.test", Password = "whatever-1" }));

        Assert.That(wrong!.Status, Is.EqualTo(401));
        Assert.That(unknown!.Status, Is.EqualTo(401));
        Assert.That(wrong.Type, Is.EqualTo(unknown.Type), "an unknown email must look like a wrong password");
    }

    [Test]
    public async Task Repeated_failures_lock_the_user_out_even_with_the_right_password()
    {
        var session = await App.RegisterAsync();
        var client = App.NewClient();
        for (var i = 0; i < 4; i++)
        {
            var failed = Assert.ThrowsAsync<ApiException>(() => client.SendAsync(new Login { Email = session.Email, Password = "wrong-password" }));
            Assert.That(failed!.Status, Is.EqualTo(401));
        }

        var fifth = Assert.ThrowsAsync<ApiException>(() => client.SendAsync(new Login { Email = session.Email, Password = "wrong-password" }));
        Assert.That(fifth!.Status, Is.EqualTo(429));
        Assert.That(fifth.Type, Is.EqualTo("/problems/account-locked"));
        Assert.That(fifth.RetryAfter, Is.EqualTo(TimeSpan.FromMinutes(15)));

        var right = Assert.ThrowsAsync<ApiException>(() => client.SendAsync(new Login { Email = session.Email, Password = session.Password }));
        Assert.That(right!.Status, Is.EqualTo(429));
        Assert.That(right.RetryAfter, Is.GreaterThan(TimeSpan.Zero));
    }

    [Test]
    public async Task Refresh_rotates_the_token_and_reuse_of_a_rotated_one_ends_the_session()
    {
        var session = await App.RegisterAsync();
        var client = App.NewClient();

        var second = await client.SendAsync(new RefreshTokens { RefreshToken = session.Tokens.RefreshToken });
        Assert.That(second.RefreshToken, Is.Not.EqualTo(session.Tokens.RefreshToken));
        client.BearerToken = second.AccessToken;
        Assert.That((await client.SendAsync(new GetMe())).User.Email, Is.EqualTo(session.Email));

        var third = await client.SendAsync(new RefreshTokens { RefreshToken = second.RefreshToken });

        // An attacker replays the first, already rotated token: it fails and revokes the whole family...
        var reuse = Assert.ThrowsAsync<ApiException>(() => client.SendAsync(new RefreshTokens { RefreshToken = session.Tokens.RefreshToken }));
        Assert.That(reuse!.Status, Is.EqualTo(401));
        Assert.That(reuse.Type, Is.EqualTo("/problems/invalid-refresh-token"));

        // ...so the legitimate newest token no longer works either.
        var revoked = Assert.ThrowsAsync<ApiException>(() => client.SendAsync(new RefreshTokens { RefreshToken = third.RefreshToken }));
        Assert.That(revoked!.Status, Is.EqualTo(401));

        // Another login of the same user is a different family and is unaffected.
        var other = await App.NewClient().SendAsync(new Login { Email = session.Email, Password = session.Password });
        Assert.That(await client.SendAsync(new RefreshTokens { RefreshToken = other.RefreshToken }), Is.Not.Null);
    }

    [Test]
    public async Task Logout_revokes_the_refresh_token()
    {
        var session = await App.RegisterAsync();

        await session.Client.SendAsync(new Logout { RefreshToken = session.Tokens.RefreshToken });

        var error = Assert.ThrowsAsync<ApiException>(() =>
            App.NewClient().SendAsync(new RefreshTokens { RefreshToken = session.Tokens.RefreshToken }));
        Assert.That(error!.Status, Is.EqualTo(401));
        // Unknown tokens log out quietly too: logout is no oracle for which tokens exist.
        await App.NewClient().SendAsync(new Logout { RefreshToken = "no-such-token" });
    }

    [Test]
    public async Task Changing_the_password_ends_other_sessions()
    {
        var session = await App.RegisterAsync();

        var wrongCurrent = Assert.ThrowsAsync<ApiException>(() =>
            session.Client.SendAsync(new ChangePassword { CurrentPassword = "not-it-at-all", NewPassword = "new-password-2" }));
        Assert.That(wrongCurrent!.Status, Is.EqualTo(400));
        Assert.That(wrongCurrent.Errors.Keys, Is.EquivalentTo(new[] { "currentPassword" }));

        await session.Client.SendAsync(new ChangePassword { CurrentPassword = session.Password, NewPassword = "new-password-2" });

        Assert.That(Assert.ThrowsAsync<ApiException>(() =>
            App.NewClient().SendAsync(new RefreshTokens { RefreshToken = session.Tokens.RefreshToken }))!.Status, Is.EqualTo(401));
        Assert.That(Assert.ThrowsAsync<ApiException>(() =>
            App.NewClient().SendAsync(new Login { Email = session.Email, Password = session.Password }))!.Status, Is.EqualTo(401));
        Assert.That(await App.NewClient().SendAsync(new Login { Email = session.Email, Password = "new-password-2" }), Is.Not.Null);
    }

    [Test]
    public void Me_needs_a_valid_token()
    {
        var none = Assert.ThrowsAsync<ApiException>(() => App.NewClient().SendAsync(new GetMe()));
        Assert.That(none!.Status, Is.EqualTo(401));

        var forged = Assert.ThrowsAsync<ApiException>(() => App.NewClient("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl").SendAsync(new GetMe()));
        Assert.That(forged!.Status, Is.EqualTo(401));
        Assert.That(forged.Title, Is.Not.Empty, "401s are ProblemDetails too");
    }
}
