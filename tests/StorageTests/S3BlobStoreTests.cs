using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Vtis.ServiceInterface.Storage;

namespace Vtis.StorageTests;

/// <summary>
/// The contract against a real S3-compatible server named by <c>TEST_S3</c> (<c>http://127.0.0.1:PORT</c>, as
/// scripts/test.sh starts s3rver; credentials in the URL's user info, else s3rver's S3RVER/S3RVER). Each run uses
/// a new bucket, which the store creates on first use.
/// </summary>
[TestFixture]
public sealed class S3BlobStoreTests : BlobStoreContract
{
    private ServiceProvider? _services;

    protected override IBlobStore Store => _services!.GetRequiredService<IBlobStore>();

    protected override HttpClient Http { get; } = new();

    [OneTimeSetUp]
    public void StartStore()
    {
        var endpoint = Environment.GetEnvironmentVariable("TEST_S3");
        if (string.IsNullOrEmpty(endpoint))
        {
            Assert.Fail("TEST_S3 is not set. Run scripts/test.sh, or start a server with " +
                        "`bash tests/tools/start-s3.sh PORT DIR PIDFILE` and export TEST_S3=http://127.0.0.1:PORT.");
            return;
        }

        var uri = new Uri(endpoint);
        var credentials = uri.UserInfo.Split(':', 2);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "S3",
            ["Storage:S3:ServiceUrl"] = new UriBuilder(uri) { UserName = "", Password = "" }.Uri.GetLeftPart(UriPartial.Authority),
            ["Storage:S3:Bucket"] = $"vtis-test-{Guid.NewGuid():N}"[..30],
            ["Storage:S3:AccessKey"] = credentials.Length == 2 ? Uri.UnescapeDataString(credentials[0]) : "S3RVER",
            ["Storage:S3:SecretKey"] = credentials.Length == 2 ? Uri.UnescapeDataString(credentials[1]) : "S3RVER",
            ["Storage:S3:ForcePathStyle"] = "true",
            ["Jwt:SigningKey"] = new string('k', 32),
        }).Build();
        _services = new ServiceCollection().AddBlobStorage(configuration).BuildServiceProvider();
        Assert.That(Store, Is.InstanceOf<S3BlobStore>());
    }

    [OneTimeTearDown]
    public async Task StopStore()
    {
        Http.Dispose();
        if (_services is not null) await _services.DisposeAsync();
    }

    [Test]
    public void Blobs_have_no_local_path()
    {
        Assert.That(Store.TryGetLocalPath(NewKey()), Is.Null);
    }
}
