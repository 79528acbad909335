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
        _services = Services();
        Assert.That(Store, Is.InstanceOf<S3BlobStore>());
    }

    private static ServiceProvider Services(Dictionary<string, string?>? overrides = null)
    {
        var endpoint = Environment.GetEnvironmentVariable("TEST_S3");
        if (string.IsNullOrEmpty(endpoint))
            Assert.Fail("TEST_S3 is not set. Run scripts/test.sh, or start a server with " +
                        "`bash tests/tools/start-s3.sh PORT DIR PIDFILE` and export TEST_S3=http://127.0.0.1:PORT.");

        var uri = new Uri(endpoint!);
        var credentials = uri.UserInfo.Split(':', 2);
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "S3",
            ["Storage:S3:ServiceUrl"] = new UriBuilder(uri) { UserName = "", Password = "" }.Uri.GetLeftPart(UriPartial.Authority),
            ["Storage:S3:Bucket"] = $"vtis-test-{Guid.NewGuid():N}"[..30],
            ["Storage:S3:AccessKey"] = credentials.Length == 2 ? Uri.UnescapeDataString(credentials[0]) : "S3RVER",
            ["Storage:S3:SecretKey"] = credentials.Length == 2 ? Uri.UnescapeDataString(credentials[1]) : "S3RVER",
            ["Storage:S3:ForcePathStyle"] = "true",
            ["Jwt:SigningKey"] = new string('k', 32),
        };
        foreach (var (key, value) in overrides ?? []) settings[key] = value;
        return new ServiceCollection().AddBlobStorage(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
    }

    [Test]
    public async Task With_a_public_endpoint_links_are_signed_for_it_and_tools_keep_the_internal_one()
    {
        // The same server under two names, as MinIO is "minio:9000" inside docker compose and "localhost:9000" outside.
        var internalUrl = new Uri(Environment.GetEnvironmentVariable("TEST_S3")!);
        var publicUrl = new UriBuilder(internalUrl) { Host = "localhost", UserName = "", Password = "" }.Uri.GetLeftPart(UriPartial.Authority);
        await using var services = Services(new() { ["Storage:S3:PublicServiceUrl"] = publicUrl });
        var store = services.GetRequiredService<IBlobStore>();
        var key = NewKey();
        await store.PutAsync(NewKey(), new MemoryStream([1]), "text/plain", CancellationToken.None); // creates the new bucket

        var upload = store.GetUploadUrl(key, TimeSpan.FromMinutes(5), "video/mp4");
        using (var put = new HttpRequestMessage(HttpMethod.Put, upload) { Content = new ByteArrayContent("public bytes"u8.ToArray()) })
        {
            put.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("video/mp4");
            using var answer = await Http.SendAsync(put);
            Assert.That(answer.IsSuccessStatusCode, Is.True, await answer.Content.ReadAsStringAsync());
        }

        var download = store.GetDownloadUrl(key, TimeSpan.FromMinutes(5));
        var tool = new Uri(store.GetToolInput(key, TimeSpan.FromMinutes(5)));
        Assert.That((upload.Host, download.Host, tool.Host), Is.EqualTo(("localhost", "localhost", internalUrl.Host)));
        Assert.That(await Http.GetStringAsync(download), Is.EqualTo("public bytes"));
        Assert.That(await Http.GetStringAsync(tool), Is.EqualTo("public bytes"));
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
