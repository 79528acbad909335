using Vtis.Client;
using Vtis.IntegrationTests.Support;
using Vtis.ServiceModel;
using Vtis.ServiceModel.Admin;
using Vtis.ServiceModel.ApiKeys;
using Vtis.ServiceModel.Auth;

namespace Vtis.IntegrationTests;

public sealed class AdminTests(Db db) : ApiTest(db)
{
    [Test]
    public async Task Configured_admin_sees_users_across_accounts()
    {
        var user = await App.RegisterAsync();
        var admin = await App.AdminAsync();

        var me = await admin.SendAsync(new GetMe());
        Assert.That(me.Roles, Is.EquivalentTo(new[] { Roles.User, Roles.Admin }));

        var page = await admin.SendAsync(new ListUsers { Search = user.Email[..12], PageSize = 5 });
        Assert.That(page.Items.Select(u => u.Email), Does.Contain(user.Email));
        Assert.That(page.PageSize, Is.EqualTo(5));
        Assert.That(page.Total, Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public async Task Admin_routes_answer_403_to_users_and_401_to_strangers()
    {
        var user = await App.RegisterAsync();
        var forbidden = Assert.ThrowsAsync<ApiException>(() => user.Client.SendAsync(new ListUsers()));
        Assert.That(forbidden!.Status, Is.EqualTo(403));

        var key = await user.Client.SendAsync(new CreateApiKey { Name = "k" });
        var byKey = App.NewClient();
        byKey.ApiKey = key.Key;
        Assert.That(Assert.ThrowsAsync<ApiException>(() => byKey.SendAsync(new ListUsers()))!.Status, Is.EqualTo(403));

        Assert.That(Assert.ThrowsAsync<ApiException>(() => App.NewClient().SendAsync(new ListUsers()))!.Status, Is.EqualTo(401));
    }

    [Test]
    public async Task Paging_parameters_are_validated()
    {
        var admin = await App.AdminAsync();
        admin.ValidateBeforeSend = false;
        var error = Assert.ThrowsAsync<ApiException>(() => admin.SendAsync(new ListUsers { Page = 0, PageSize = 1000 }));
        Assert.That(error!.Status, Is.EqualTo(400));
        Assert.That(error.Errors.Keys, Is.EquivalentTo(new[] { "page", "pageSize" }));
    }

    [Test]
    public async Task Admin_sees_the_queue_and_its_dead_letters_and_users_do_not()
    {
        var admin = await App.AdminAsync();
        var status = await admin.SendAsync(new GetQueueStatus { FailedCount = 5 });
        Assert.That(status.Storage, Is.EqualTo("redis"));
        Assert.That(status.Servers, Is.GreaterThanOrEqualTo(1));
        Assert.That(status.RecentFailures.Count, Is.LessThanOrEqualTo(5));

        var user = await App.RegisterAsync();
        Assert.That(Assert.ThrowsAsync<ApiException>(() => user.Client.SendAsync(new GetQueueStatus()))!.Status, Is.EqualTo(403));
    }
}
