using System.Net;
using System.Net.Http.Headers;
using Vtis.ServiceInterface.Storage;
using Vtis.StorageTests.Support;

namespace Vtis.StorageTests;

/// <summary>The contract for the local folder, its URLs served by <see cref="LocalFileEndpoints"/> on a real Kestrel
/// port, plus what only the local store promises.</summary>
[TestFixture]
public sealed class LocalBlobStoreTests : BlobStoreContract
{
    private const long UploadLimit = 1024 * 1024;

    private string _root = null!;
    private LocalFilesHost _host = null!;

    protected override IBlobStore Store => _host.Store;

    protected override HttpClient Http => _host.Http;

    [OneTimeSetUp]
    public async Task StartHost()
    {
        _root = Directory.CreateTempSubdirectory("vtis-blobs-").FullName;
        _host = await LocalFilesHost.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:Local:Path"] = _root,
            ["Jwt:SigningKey"] = new string('k', 32),
            ["Uploads:MaxBytes"] = UploadLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.That(Store, Is.InstanceOf<LocalBlobStore>());
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        await _host.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Test]
    public async Task Local_path_is_the_stored_file()
    {
        var key = NewKey("source.mp4");
        var bytes = RandomBytes(1000);
        await PutAsync(key, bytes);

        var path = Store.TryGetLocalPath(key);

        Assert.That(path, Is.EqualTo(Path.Combine(_root, key)));
        Assert.That(await File.ReadAllBytesAsync(path!), Is.EqualTo(bytes));
    }

    [Test]
    public async Task Failed_put_leaves_the_previous_blob_and_no_partial_file()
    {
        var key = NewKey();
        var original = RandomBytes(500);
        await PutAsync(key, original, "text/plain");

        Assert.ThrowsAsync<IOException>(() => Store.PutAsync(key, new FailingStream(bytesBeforeFailure: 300_000), "video/mp4", CancellationToken.None));

        Assert.That(await Store.GetInfoAsync(key, CancellationToken.None), Is.EqualTo(new BlobInfo(key, 500, "text/plain")));
        Assert.That(await ReadAllAsync(key), Is.EqualTo(original));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(Store.TryGetLocalPath(key))!, "*.tmp"), Is.Empty);
    }

    [Test]
    public async Task Range_request_returns_partial_content()
    {
        var key = NewKey();
        var bytes = RandomBytes(1000);
        await PutAsync(key, bytes, "video/mp4");
        using var request = new HttpRequestMessage(HttpMethod.Get, Store.GetDownloadUrl(key, TimeSpan.FromMinutes(1)));
        request.Headers.Range = new RangeHeaderValue(100, 199);

        using var response = await Http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(bytes[100..200]));
    }

    [Test]
    public async Task Downloads_cannot_run_as_pages_of_the_app()
    {
        var key = NewKey("page.html");
        await PutAsync(key, "<script>alert(1)</script>"u8.ToArray(), "text/html");

        using var response = await Http.GetAsync(Store.GetDownloadUrl(key, TimeSpan.FromMinutes(1)));

        Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
        Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("sandbox"));
    }

    [Test]
    public async Task Download_url_for_one_blob_does_not_open_another()
    {
        var folder = NewKey("x").TrimEnd('x');
        await PutAsync(folder + "mine.bin", RandomBytes(100));
        await PutAsync(folder + "your.bin", RandomBytes(100));
        var url = Store.GetDownloadUrl(folder + "mine.bin", TimeSpan.FromMinutes(1)).ToString();

        using var response = await Http.GetAsync(url.Replace("mine.bin", "your.bin", StringComparison.Ordinal));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Download_url_cannot_be_used_to_upload()
    {
        var key = NewKey();
        await PutAsync(key, RandomBytes(100));

        using var content = new ByteArrayContent(RandomBytes(10));
        using var response = await Http.PutAsync(Store.GetDownloadUrl(key, TimeSpan.FromMinutes(1)), content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await Store.GetInfoAsync(key, CancellationToken.None))?.Size, Is.EqualTo(100));
    }

    [Test]
    public async Task Upload_with_another_content_type_than_signed_is_refused()
    {
        var key = NewKey();
        using var content = new ByteArrayContent(RandomBytes(10));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/html");

        using var response = await Http.PutAsync(Store.GetUploadUrl(key, TimeSpan.FromMinutes(1), "video/mp4"), content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await Store.GetInfoAsync(key, CancellationToken.None), Is.Null);
    }

    [TestCase(true, TestName = "Upload_over_the_limit_is_refused_with_413(declared length)")]
    [TestCase(false, TestName = "Upload_over_the_limit_is_refused_with_413(chunked)")]
    public async Task Upload_over_the_limit_is_refused_with_413(bool declaredLength)
    {
        var key = NewKey();
        var bytes = RandomBytes((int)UploadLimit + 1);
        using HttpContent content = declaredLength ? new ByteArrayContent(bytes) : new StreamContent(new NonSeekable(bytes));
        content.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");

        using var response = await Http.PutAsync(Store.GetUploadUrl(key, TimeSpan.FromMinutes(1), "video/mp4"), content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(await Store.GetInfoAsync(key, CancellationToken.None), Is.Null);
    }

    /// <summary>Hands out zeros, then fails as a dropped connection would.</summary>
    private sealed class FailingStream(int bytesBeforeFailure) : MemoryStream(new byte[bytesBeforeFailure])
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position < Length ? base.ReadAsync(buffer, cancellationToken) : throw new IOException("connection reset");
    }

    /// <summary>Without a known length HttpClient sends the body chunked, so only the server's limit can stop it.</summary>
    private sealed class NonSeekable(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
