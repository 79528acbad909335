using System.Net.Http.Headers;
using Vtis.Client;
using Vtis.IntegrationTests.Support;
using Vtis.ServiceModel.Credits;
using Vtis.ServiceModel.Uploads;

namespace Vtis.IntegrationTests;

public sealed class UploadTests(Db db) : ApiTest(db)
{
    [TestCase("mp4", "mp4", "h264", true)]
    [TestCase("mov", "mov", "h264", false)]
    [TestCase("avi", "avi", "mpeg4", false)]
    public async Task A_valid_video_is_stored_and_described(string which, string container, string codec, bool audio)
    {
        var session = await App.RegisterAsync();
        var path = which switch { "mp4" => await TestMedia.Mp4, "mov" => await TestMedia.Mov, _ => await TestMedia.Avi };

        var upload = await session.UploadAsync(path);

        Assert.That(upload.Status, Is.EqualTo(UploadStatus.Ready));
        Assert.That(upload.Size, Is.EqualTo(new FileInfo(path).Length));
        Assert.That(upload.Media!.Container, Is.EqualTo(container));
        Assert.That(upload.Media.VideoCodec, Is.EqualTo(codec));
        Assert.That(upload.Media.Width, Is.EqualTo(320));
        Assert.That(upload.Media.HasAudio, Is.EqualTo(audio));
        Assert.That(upload.Media.DurationSeconds, Is.InRange(1.9, 3.1));
        Assert.That((await session.Client.SendAsync(new GetUpload { Id = upload.Id })).Status, Is.EqualTo(UploadStatus.Ready));
    }

    [TestCase("empty", 422)]
    [TestCase("text", 415)]
    [TestCase("truncated", 422)]
    [TestCase("audio-only", 422)]
    [TestCase("ffv1", 415)]
    [TestCase("too-long", 422)]
    public async Task A_bad_file_is_refused_with_a_clear_problem_and_costs_nothing(string which, int status)
    {
        var session = await App.RegisterAsync();
        var path = which switch
        {
            "empty" => TestMedia.Empty(),
            "text" => TestMedia.TextRenamedMp4(),
            "truncated" => await TestMedia.Truncated(),
            "audio-only" => await TestMedia.AudioOnly,
            "ffv1" => await TestMedia.UnsupportedCodec,
            _ => await TestMedia.TooLong,
        };

        var error = Assert.ThrowsAsync<ApiException>(() => session.UploadAsync(path));

        Assert.That(error!.Status, Is.EqualTo(status), error.Detail);
        Assert.That(error.Detail, Is.Not.Empty);
        var credits = await session.Client.SendAsync(new GetCredits());
        Assert.That(credits.Available, Is.EqualTo(10));
    }

    [Test]
    public async Task An_oversize_upload_is_413_before_the_rest_is_read()
    {
        var session = await App.RegisterAsync();
        using var http = App.NewHttpClient();
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(new byte[9 * 1024 * 1024]);
        part.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        form.Add(part, "file", "big.mp4");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/uploads") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.Tokens.AccessToken);
        request.Headers.ExpectContinue = true; // the server answers before the client sends the body

        using var response = await http.SendAsync(request);

        Assert.That((int)response.StatusCode, Is.EqualTo(413));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task A_request_without_a_file_or_not_multipart_is_refused()
    {
        var session = await App.RegisterAsync();
        using var http = App.NewHttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.Tokens.AccessToken);

        using var json = await http.PostAsync("api/v1/uploads", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.That((int)json.StatusCode, Is.EqualTo(415));

        using var form = new MultipartFormDataContent { { new StringContent("x"), "note" } };
        using var noFile = await http.PostAsync("api/v1/uploads", form);
        Assert.That((int)noFile.StatusCode, Is.EqualTo(400));
    }

    [Test]
    public async Task Direct_upload_presign_put_complete()
    {
        var session = await App.RegisterAsync();
        var path = await TestMedia.Mp4;
        var presigned = await session.Client.SendAsync(new PresignUpload { FileName = "direct.mp4", Size = new FileInfo(path).Length, ContentType = "video/mp4" });

        var early = Assert.ThrowsAsync<ApiException>(() => session.Client.SendAsync(new CompleteUpload { Id = presigned.UploadId }));
        Assert.That(early!.Status, Is.EqualTo(409));

        using (var http = App.NewHttpClient())
        {
            var body = new ByteArrayContent(await File.ReadAllBytesAsync(path));
            body.Headers.ContentType = new MediaTypeHeaderValue(presigned.Headers["Content-Type"]);
            using var put = await http.PutAsync(new Uri(App.BaseAddress, presigned.Url), body);
            Assert.That(put.IsSuccessStatusCode, Is.True, await put.Content.ReadAsStringAsync());
        }

        var done = await session.Client.SendAsync(new CompleteUpload { Id = presigned.UploadId });
        Assert.That(done.Status, Is.EqualTo(UploadStatus.Ready));
        Assert.That(done.Media!.Container, Is.EqualTo("mp4"));
        Assert.That((await session.Client.SendAsync(new CompleteUpload { Id = presigned.UploadId })).Status, Is.EqualTo(UploadStatus.Ready));

        var tooBig = Assert.ThrowsAsync<ApiException>(() =>
            session.Client.SendAsync(new PresignUpload { FileName = "huge.mp4", Size = 1L << 40, ContentType = "video/mp4" }));
        Assert.That(tooBig!.Status, Is.EqualTo(413));
    }

    [Test]
    public async Task Another_tenants_upload_is_404()
    {
        var alice = await App.RegisterAsync();
        var upload = await alice.UploadAsync(await TestMedia.Mp4);
        var mallory = await App.RegisterAsync();
        Assert.That(Assert.ThrowsAsync<ApiException>(() => mallory.Client.SendAsync(new GetUpload { Id = upload.Id }))!.Status, Is.EqualTo(404));
        Assert.That(Assert.ThrowsAsync<ApiException>(() => mallory.Client.SendAsync(new CompleteUpload { Id = upload.Id }))!.Status, Is.EqualTo(404));
    }
}
