using System.Security.Cryptography;
using Vtis.ServiceInterface.Storage;
using Vtis.StorageTests.Support;

namespace Vtis.StorageTests;

/// <summary>
/// What every <see cref="IBlobStore"/> must do, run once per implementation by a <c>[TestFixture]</c> subclass that
/// supplies a store and an HTTP client for its signed URLs. Each test uses keys of its own.
/// </summary>
public abstract partial class BlobStoreContract
{
    /// <summary>Largest growth of the live managed heap allowed while 64 MiB stream through a put.</summary>
    private const long MaxHeapGrowthBytes = 40L * 1024 * 1024;

    protected abstract IBlobStore Store { get; }

    /// <summary>A plain client for the store's URLs (a base address for root-relative ones).</summary>
    protected abstract HttpClient Http { get; }

    protected static string NewKey(string name = "blob.bin") => $"tests/{Guid.NewGuid():N}/{name}";

    protected static byte[] RandomBytes(int count) => RandomNumberGenerator.GetBytes(count);

    protected async Task<byte[]> ReadAllAsync(string key)
    {
        await using var stream = await Store.OpenReadAsync(key, CancellationToken.None);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    protected Task<long> PutAsync(string key, byte[] bytes, string contentType = "application/octet-stream") =>
        Store.PutAsync(key, new MemoryStream(bytes), contentType, CancellationToken.None);

    [Test]
    public async Task Put_then_read_returns_the_same_bytes_size_and_content_type()
    {
        var key = NewKey("clip.mp4");
        var bytes = RandomBytes(100_000);

        var stored = await PutAsync(key, bytes, "video/mp4");

        Assert.That(stored, Is.EqualTo(bytes.Length));
        Assert.That(await Store.GetInfoAsync(key, CancellationToken.None), Is.EqualTo(new BlobInfo(key, bytes.Length, "video/mp4")));
        Assert.That(await ReadAllAsync(key), Is.EqualTo(bytes));
    }

    [Test]
    public async Task Put_replaces_an_existing_blob()
    {
        var key = NewKey();
        await PutAsync(key, RandomBytes(5000), "text/plain");
        var replacement = RandomBytes(1234);

        await PutAsync(key, replacement, "application/json");

        Assert.That(await Store.GetInfoAsync(key, CancellationToken.None), Is.EqualTo(new BlobInfo(key, 1234, "application/json")));
        Assert.That(await ReadAllAsync(key), Is.EqualTo(replacement));
    }

    [Test]
    public async Task Empty_blob_round_trips()
    {
        var key = NewKey();

        Assert.That(await PutAsync(key, []), Is.Zero);
        Assert.That((await Store.GetInfoAsync(key, CancellationToken.None))?.Size, Is.Zero);
        Assert.That(await ReadAllAsync(key), Is.Empty);
    }

    [Test]
    public async Task Missing_blob_has_no_info_and_cannot_be_opened()
    {
        var key = NewKey();

        Assert.That(await Store.GetInfoAsync(key, CancellationToken.None), Is.Null);
        var missing = Assert.ThrowsAsync<BlobNotFoundException>(() => Store.OpenReadAsync(key, CancellationToken.None));
        Assert.That(missing!.Key, Is.EqualTo(key));
    }

    [Test]
    public async Task Delete_removes_the_blob_and_deleting_again_is_not_an_error()
    {
        var key = NewKey();
        await PutAsync(key, RandomBytes(10));

        await Store.DeleteAsync(key, CancellationToken.None);

        Assert.That(await Store.GetInfoAsync(key, CancellationToken.None), Is.Null);
        Assert.DoesNotThrowAsync(() => Store.DeleteAsync(key, CancellationToken.None));
        Assert.DoesNotThrowAsync(() => Store.DeleteAsync(NewKey(), CancellationToken.None));
    }

    [Test]
    public async Task A_64_MiB_non_seekable_body_is_streamed_without_buffering_it()
    {
        const long size = 64L * 1024 * 1024;
        var key = NewKey("large.bin");
        var heap = new HeapPeak();
        await using var body = new PseudoRandomStream(size, heap);

        var stored = await Store.PutAsync(key, body, "application/octet-stream", CancellationToken.None);
        heap.Sample();

        TestContext.Out.WriteLine($"{GetType().Name}: live managed heap grew by at most {heap.MaxGrowthBytes / 1048576.0:0.0} MiB during the 64 MiB put");
        Assert.That(stored, Is.EqualTo(size));
        Assert.That(heap.MaxGrowthBytes, Is.LessThan(MaxHeapGrowthBytes), "the store held too much of the body in memory");
        await using var read = await Store.OpenReadAsync(key, CancellationToken.None);
        Assert.That(await SHA256.HashDataAsync(read), Is.EqualTo(body.Sha256()));
    }

    [TestCase("")]
    [TestCase("/absolute/key")]
    [TestCase("../escape")]
    [TestCase("a/../../escape")]
    [TestCase("a/./b")]
    [TestCase("a\\b")]
    [TestCase("a//b")]
    [TestCase("a/")]
    [TestCase("a/\nb")]
    [TestCase("C:/windows")]
    public void Keys_that_could_escape_the_store_are_rejected(string key)
    {
        Assert.ThrowsAsync<ArgumentException>(() => Store.PutAsync(key, new MemoryStream([1]), "text/plain", CancellationToken.None));
        Assert.ThrowsAsync<ArgumentException>(() => Store.OpenReadAsync(key, CancellationToken.None));
        Assert.ThrowsAsync<ArgumentException>(() => Store.GetInfoAsync(key, CancellationToken.None));
        Assert.ThrowsAsync<ArgumentException>(() => Store.DeleteAsync(key, CancellationToken.None));
        Assert.Throws<ArgumentException>(() => Store.GetDownloadUrl(key, TimeSpan.FromMinutes(1)));
        Assert.Throws<ArgumentException>(() => Store.GetUploadUrl(key, TimeSpan.FromMinutes(1), "text/plain"));
        Assert.Throws<ArgumentException>(() => Store.TryGetLocalPath(key));
        Assert.Throws<ArgumentException>(() => Store.GetToolInput(key, TimeSpan.FromMinutes(1)));
    }

    [Test]
    public async Task Health_check_passes()
    {
        Assert.That(await Store.CheckHealthAsync(CancellationToken.None), Is.True);
    }
}
