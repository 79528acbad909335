using System.Net;
using System.Net.Http.Headers;

namespace Vtis.StorageTests;

/// <summary>
/// The signed URLs work for a plain HTTP client until they expire. That a changed URL is refused is tested per store
/// where the server checks signatures: s3rver checks a presigned URL's expiry and access key but not its SigV4
/// signature, so for S3 that part rests on S3 itself.
/// </summary>
public abstract partial class BlobStoreContract
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    [Test]
    public async Task Download_url_serves_the_bytes_to_a_plain_http_client()
    {
        var key = NewKey("frame.png");
        var bytes = RandomBytes(70_000);
        await PutAsync(key, bytes, "image/png");

        using var response = await Http.GetAsync(Store.GetDownloadUrl(key, Lifetime));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/png"));
        Assert.That(response.Content.Headers.ContentDisposition, Is.Null);
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(bytes));
    }

    [Test]
    public async Task Tool_input_is_a_file_or_url_the_bytes_can_be_read_from()
    {
        var key = NewKey("clip.mp4");
        var bytes = RandomBytes(5_000);
        await PutAsync(key, bytes, "video/mp4");

        var input = Store.GetToolInput(key, Lifetime);

        var read = Uri.TryCreate(input, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? await Http.GetByteArrayAsync(url)
            : await File.ReadAllBytesAsync(input);
        Assert.That(read, Is.EqualTo(bytes));
    }

    [Test]
    public async Task Named_download_url_makes_an_attachment_with_that_file_name()
    {
        var key = NewKey();
        await PutAsync(key, RandomBytes(100), "video/mp4");

        using var response = await Http.GetAsync(Store.GetDownloadUrl(key, Lifetime, "holiday clip.mp4"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.That(disposition?.DispositionType, Is.EqualTo("attachment"));
        Assert.That(disposition?.FileNameStar ?? disposition?.FileName?.Trim('"'), Is.EqualTo("holiday clip.mp4"));
    }

    [Test]
    public async Task Expired_download_url_is_refused()
    {
        var key = NewKey();
        await PutAsync(key, RandomBytes(100));
        var url = Store.GetDownloadUrl(key, TimeSpan.FromSeconds(1));

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        using var response = await Http.GetAsync(url);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Upload_url_accepts_a_put_of_the_bytes()
    {
        var key = NewKey("upload.mp4");
        var bytes = RandomBytes(200_000);
        var url = Store.GetUploadUrl(key, Lifetime, "video/mp4");

        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        using var response = await Http.PutAsync(url, content);

        Assert.That(response.IsSuccessStatusCode, Is.True, $"PUT answered {(int)response.StatusCode}");
        Assert.That(await Store.GetInfoAsync(key, CancellationToken.None), Is.EqualTo(new ServiceInterface.Storage.BlobInfo(key, bytes.Length, "video/mp4")));
        Assert.That(await ReadAllAsync(key), Is.EqualTo(bytes));
    }
}
