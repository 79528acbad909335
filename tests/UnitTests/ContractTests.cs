using Microsoft.EntityFrameworkCore;
using Vtis.AppHost.Infrastructure;
using Vtis.AppHost.Operations;
using Vtis.Client;
using Vtis.ServiceInterface;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceModel.ApiKeys;
using Vtis.ServiceModel.Auth;

namespace Vtis.UnitTests;

public sealed class ContractTests
{
    [Test]
    public void Every_operation_has_exactly_one_handler_and_a_unique_route()
    {
        var operations = OperationCatalog.Discover(ServiceInterfaceRegistration.ContractAssembly);
        var handled = ServiceInterfaceRegistration.HandlerTypes()
            .SelectMany(t => t.GetInterfaces().Where(ServiceInterfaceRegistration.IsHandlerInterface))
            .GroupBy(i => i.GetGenericArguments()[0])
            .ToDictionary(g => g.Key, g => g.Count());

        foreach (var op in operations)
            Assert.That(handled.GetValueOrDefault(op.RequestType), Is.EqualTo(1), op.Name);
        Assert.That(operations.Select(o => $"{o.Verb} {o.Path}"), Is.Unique);
    }

    [Test]
    public void Client_checks_the_dto_rules_before_sending()
    {
        using var client = new VtisClient(new Uri("http://127.0.0.1:9/")); // nothing listens: a send would fail differently
        var error = Assert.ThrowsAsync<ApiException>(() => client.SendAsync(new Register { Email = "nope", Password = "short" }));
        Assert.That(error!.Status, Is.EqualTo(400));
        Assert.That(error.Errors.Keys, Is.EquivalentTo(new[] { "email", "password" }));

        var name = Assert.ThrowsAsync<ApiException>(() => client.SendAsync(new CreateApiKey { Name = "" }));
        Assert.That(name!.Errors.Keys, Is.EquivalentTo(new[] { "name" }));
    }

    [TestCase(typeof(SqliteDesignTimeFactory))]
    [TestCase(typeof(PostgresDesignTimeFactory))]
    public void Migrations_are_up_to_date_with_the_model(Type factoryType)
    {
        var factory = (dynamic)Activator.CreateInstance(factoryType)!;
        using AppDbContext db = factory.CreateDbContext(Array.Empty<string>());
        Assert.That(db.Database.HasPendingModelChanges(), Is.False,
            $"Run: dotnet ef migrations add <Name> --project src/ServiceInterface --context {db.GetType().Name} --output-dir Data/Migrations/{(db is SqliteAppDbContext ? "Sqlite" : "Postgres")}");
    }

    [Test]
    public void Seed_environment_variable_names_still_configure_the_app()
    {
        var env = new Dictionary<string, string>
        {
            ["DATABASE_URL"] = "postgresql://vtis:p%40ss@db.internal:6543/videos?sslmode=require",
            ["REDIS_URL"] = "redis://:secret@cache:6380/2",
            ["JWT_SECRET_KEY"] = "k",
            ["GHOSTCUT_API_KEY"] = "gk",
            ["AWS_S3_BUCKET"] = "bucket",
            ["CORS_ORIGINS"] = "https://a.example, https://b.example",
        };
        var values = ConfigurationAliases.Translate(name => env.GetValueOrDefault(name));

        Assert.That(values["ConnectionStrings:Default"],
            Is.EqualTo("Host=db.internal;Port=6543;Database=videos;Username=vtis;Password=p@ss;SSL Mode=require"));
        Assert.That(values["ConnectionStrings:Redis"], Is.EqualTo("cache:6380,password=secret,defaultDatabase=2"));
        Assert.That(values["Jwt:SigningKey"], Is.EqualTo("k"));
        Assert.That(values["GhostCut:ApiKey"], Is.EqualTo("gk"));
        Assert.That(values["Storage:S3:Bucket"], Is.EqualTo("bucket"));
        Assert.That(values["Cors:Origins:1"], Is.EqualTo("https://b.example"));
        Assert.That(DatabaseRegistration.ProviderOf(values["ConnectionStrings:Default"]!), Is.EqualTo(DatabaseProvider.Postgres));
    }
}
