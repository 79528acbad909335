using System.Net;
using Microsoft.EntityFrameworkCore;
using Vtis.Client;
using Vtis.IntegrationTests.Support;
using Vtis.ServiceModel.ApiKeys;
using Vtis.ServiceModel.Auth;
using Vtis.ServiceModel.Webhooks;

namespace Vtis.IntegrationTests;

public sealed class ApiKeyTests(Db db) : ApiTest(db)
{
    [Test]
    public async Task Api_key_lifecycle_create_use_list_revoke()
    {
        var owner = await App.RegisterAsync();
        var created = await owner.Client.SendAsync(new CreateApiKey { Name = "CI pipeline" });

        Assert.That(created.Key, Does.StartWith(created.Prefix + "_"));
        Assert.That(created.Prefix, Does.StartWith("vtis_"));

        // The key authenticates as the owner, by X-Api-Key and as a bearer token.
        var byHeader = App.NewClient();
        byHeader.ApiKey = created.Key;
        var me = await byHeader.SendAsync(new GetMe());
        Assert.That(me.User.Email, Is.EqualTo(owner.Email));
        Assert.That(me.AuthenticatedBy, Is.EqualTo("apiKey"));
        Assert.That((await App.NewClient(bearer: created.Key).SendAsync(new GetMe())).User.Email, Is.EqualTo(owner.Email));

        // Listed without its secret, with its last use recorded.
        var listed = (await owner.Client.SendAsync(new ListApiKeys())).Single(k => k.Id == created.Id);
        Assert.That(listed, Is.Not.InstanceOf<CreatedApiKey>());
        Assert.That(listed.LastUsedAt, Is.Not.Null);
        var stored = await App.WithDatabaseAsync(d => d.ApiKeys.IgnoreQueryFilters().SingleAsync(k => k.Id == created.Id));
        Assert.That(stored.SecretHash, Is.Not.EqualTo(created.Key).And.Length.EqualTo(64));

        await owner.Client.SendAsync(new DeleteApiKey { Id = created.Id });

        Assert.That(Assert.ThrowsAsync<ApiException>(() => byHeader.SendAsync(new GetMe()))!.Status, Is.EqualTo(401));
        Assert.That(await owner.Client.SendAsync(new ListApiKeys()), Has.None.Matches<ApiKeyInfo>(k => k.Id == created.Id));
        Assert.That(Assert.ThrowsAsync<ApiException>(() => owner.Client.SendAsync(new DeleteApiKey { Id = created.Id }))!.Status, Is.EqualTo(404));
    }

    [Test]
    public async Task An_expired_or_tampered_key_is_refused()
    {
        var owner = await App.RegisterAsync();
        var created = await owner.Client.SendAsync(new CreateApiKey { Name = "short-lived", ExpiresAt = DateTimeOffset.UtcNow.AddHours(1) });
        Assert.That(created.ExpiresAt, Is.Not.Null);

        var tampered = App.NewClient();
        tampered.ApiKey = created.Key[..^2] + (created.Key.EndsWith("AA", StringComparison.Ordinal) ? "BB" : "AA");
        Assert.That(Assert.ThrowsAsync<ApiException>(() => tampered.SendAsync(new GetMe()))!.Status, Is.EqualTo(401));

        await App.WithDatabaseAsync(d => d.ApiKeys.IgnoreQueryFilters().Where(k => k.Id == created.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.ExpiresAt, DateTimeOffset.UtcNow.AddSeconds(-1))));
        var expired = App.NewClient();
        expired.ApiKey = created.Key;
        Assert.That(Assert.ThrowsAsync<ApiException>(() => expired.SendAsync(new GetMe()))!.Status, Is.EqualTo(401));
    }

    [Test]
    public async Task A_key_cannot_manage_keys_or_webhook_endpoints_so_a_stolen_key_dies_with_its_revocation()
    {
        var owner = await App.RegisterAsync();
        var created = await owner.Client.SendAsync(new CreateApiKey { Name = "stolen" });
        var hook = await owner.RegisterHookAsync();
        var endpoint = hook.Created.Endpoint;
        var thief = App.NewClient();
        thief.ApiKey = created.Key;
        Assert.That((await thief.SendAsync(new GetMe())).AuthenticatedBy, Is.EqualTo("apiKey"), "the key itself works");

        var refused = new Func<Task>[]
        {
            () => thief.SendAsync(new CreateApiKey { Name = "survivor" }),
            () => thief.SendAsync(new ListApiKeys()),
            () => thief.SendAsync(new DeleteApiKey { Id = created.Id }),
            () => App.NewClient(bearer: created.Key).SendAsync(new CreateApiKey { Name = "as bearer" }),
            () => thief.SendAsync(new CreateWebhookEndpoint { Url = hook.Url + "-attacker" }),
            () => thief.SendAsync(new UpdateWebhookEndpoint { Id = endpoint.Id, Url = hook.Url + "-attacker" }),
            () => thief.SendAsync(new RotateWebhookSecret { Id = endpoint.Id }),
            () => thief.SendAsync(new DeleteWebhookEndpoint { Id = endpoint.Id }),
        };
        foreach (var call in refused)
        {
            var error = Assert.ThrowsAsync<ApiException>(() => call())!;
            Assert.That(error.Status, Is.EqualTo(403));
            Assert.That(error.Type, Is.EqualTo("/problems/signed-in-session-required"));
            Assert.That(error.Detail, Does.Contain("sign in"));
        }

        // Nothing changed, reading still works with the key, and the owner's session manages both.
        var ownerId = (await owner.Client.SendAsync(new GetMe())).User.Id;
        Assert.That(await App.WithDatabaseAsync(d => d.ApiKeys.IgnoreQueryFilters().CountAsync(k => k.UserId == ownerId)), Is.EqualTo(1));
        Assert.That((await thief.SendAsync(new GetWebhookEndpoint { Id = endpoint.Id })).Url, Is.EqualTo(hook.Url));
        Assert.That(await owner.Client.SendAsync(new ListApiKeys()), Has.Exactly(1).Items);
        await owner.Client.SendAsync(new RotateWebhookSecret { Id = endpoint.Id });
        await owner.Client.SendAsync(new DeleteApiKey { Id = created.Id });
        Assert.That(Assert.ThrowsAsync<ApiException>(() => thief.SendAsync(new GetMe()))!.Status, Is.EqualTo(401));

        // The OpenAPI document tells integrators: these operations take no API key.
        using var http = App.NewHttpClient();
        using var document = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("openapi/v1.json"));
        var post = document.RootElement.GetProperty("paths").GetProperty("/api/v1/api-keys").GetProperty("post");
        Assert.That(post.GetProperty("security").ToString(), Does.Contain("Bearer").And.Not.Contain("ApiKey"));
        Assert.That(post.GetProperty("responses").TryGetProperty("403", out _), Is.True);
    }

    [Test]
    public async Task A_key_cannot_be_created_already_expired()
    {
        var owner = await App.RegisterAsync();
        var error = Assert.ThrowsAsync<ApiException>(() =>
            owner.Client.SendAsync(new CreateApiKey { Name = "past", ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-5) }));
        Assert.That(error!.Status, Is.EqualTo(400));
        Assert.That(error.Errors.Keys, Is.EquivalentTo(new[] { "expiresAt" }));
    }

    [Test]
    public async Task Another_tenants_keys_are_invisible_and_answer_404()
    {
        var alice = await App.RegisterAsync();
        var mallory = await App.RegisterAsync();
        var key = await alice.Client.SendAsync(new CreateApiKey { Name = "alice's" });

        Assert.That(await mallory.Client.SendAsync(new ListApiKeys()), Is.Empty);
        var error = Assert.ThrowsAsync<ApiException>(() => mallory.Client.SendAsync(new DeleteApiKey { Id = key.Id }));
        Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        // Alice's key still works: the attempt changed nothing.
        Assert.That(await alice.Client.SendAsync(new ListApiKeys()), Has.Some.Matches<ApiKeyInfo>(k => k.Id == key.Id));
    }
}
