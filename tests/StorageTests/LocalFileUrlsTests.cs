using System.Web;
using Microsoft.Extensions.Options;
using Vtis.ServiceInterface.Storage;
using Vtis.StorageTests.Support;

namespace Vtis.StorageTests;

public sealed class LocalFileUrlsTests
{
    private const string Key = "results/acc-1/job 7/out+final.mp4";

    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    private LocalFileUrls Urls(string signingKey = "a-signing-key-of-at-least-32-characters", string? publicBaseUrl = null) =>
        new(Options.Create(new StorageOptions { SigningKey = signingKey, PublicBaseUrl = publicBaseUrl }), _clock);

    private static (string Path, string? Exp, string? Sig, string? Name, string? Ct) Parse(Uri url)
    {
        var absolute = url.IsAbsoluteUri ? url : new Uri(new Uri("http://app.test"), url);
        var query = HttpUtility.ParseQueryString(absolute.Query);
        return (Uri.UnescapeDataString(absolute.AbsolutePath), query["exp"], query["sig"], query["name"], query["ct"]);
    }

    [Test]
    public void Download_url_is_root_relative_with_an_escaped_key_and_verifies()
    {
        var url = Urls().ForDownload(Key, TimeSpan.FromMinutes(10), "final cut.mp4");
        var (path, exp, sig, name, _) = Parse(url);

        Assert.That(url.IsAbsoluteUri, Is.False);
        Assert.That(url.OriginalString, Does.StartWith("/files/results/acc-1/job%207/out%2Bfinal.mp4?exp="));
        Assert.That(path, Is.EqualTo("/files/" + Key));
        Assert.That(exp, Is.EqualTo(_clock.Now.AddMinutes(10).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(name, Is.EqualTo("final cut.mp4"));
        Assert.That(Urls().IsValidDownload(Key, exp, name, sig), Is.True);
    }

    [Test]
    public void Urls_are_absolute_on_the_public_base_url()
    {
        var url = Urls(publicBaseUrl: "https://vtis.example/app/").ForUpload(Key, TimeSpan.FromMinutes(1), "video/mp4");

        Assert.That(url.IsAbsoluteUri, Is.True);
        Assert.That(url.GetLeftPart(UriPartial.Path), Is.EqualTo("https://vtis.example/app/files/results/acc-1/job%207/out%2Bfinal.mp4"));
    }

    [Test]
    public void Changing_any_signed_part_of_a_download_url_invalidates_it()
    {
        var (_, exp, sig, name, _) = Parse(Urls().ForDownload(Key, TimeSpan.FromMinutes(10), "a.mp4"));
        var later = (long.Parse(exp!, System.Globalization.CultureInfo.InvariantCulture) + 3600).ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Multiple(() =>
        {
            Assert.That(Urls().IsValidDownload(Key, exp, name, sig), Is.True);
            Assert.That(Urls().IsValidDownload(Key + "x", exp, name, sig), Is.False, "key");
            Assert.That(Urls().IsValidDownload(Key, later, name, sig), Is.False, "expiry");
            Assert.That(Urls().IsValidDownload(Key, exp, "b.mp4", sig), Is.False, "file name");
            Assert.That(Urls().IsValidDownload(Key, exp, null, sig), Is.False, "file name dropped");
            Assert.That(Urls().IsValidDownload(Key, exp, name, sig![..^2] + (sig[^2] == 'A' ? "B" : "A") + sig[^1]), Is.False, "signature");
            Assert.That(Urls().IsValidDownload(Key, exp, name, null), Is.False, "no signature");
            Assert.That(Urls().IsValidDownload(Key, "soon", name, sig), Is.False, "malformed expiry");
            Assert.That(Urls(signingKey: "another-signing-key-of-32-characters!!").IsValidDownload(Key, exp, name, sig), Is.False, "other key");
            Assert.That(Urls().IsValidUpload(Key, exp, name, sig), Is.False, "verb");
        });
    }

    [Test]
    public void Changing_the_content_type_of_an_upload_url_invalidates_it()
    {
        var (_, exp, sig, _, ct) = Parse(Urls().ForUpload(Key, TimeSpan.FromMinutes(10), "video/mp4"));

        Assert.That(ct, Is.EqualTo("video/mp4"));
        Assert.That(Urls().IsValidUpload(Key, exp, "video/mp4", sig), Is.True);
        Assert.That(Urls().IsValidUpload(Key, exp, "text/html", sig), Is.False);
        Assert.That(Urls().IsValidUpload(Key, exp, null, sig), Is.False);
        Assert.That(Urls().IsValidDownload(Key, exp, "video/mp4", sig), Is.False);
    }

    [Test]
    public void Url_is_valid_through_its_expiry_second_and_refused_after_it()
    {
        var urls = Urls();
        var (_, exp, sig, _, _) = Parse(urls.ForDownload(Key, TimeSpan.FromSeconds(60)));

        _clock.Now = _clock.Now.AddSeconds(60);
        Assert.That(urls.IsValidDownload(Key, exp, null, sig), Is.True);

        _clock.Now = _clock.Now.AddSeconds(1);
        Assert.That(urls.IsValidDownload(Key, exp, null, sig), Is.False);
    }

    [Test]
    public void Urls_need_a_valid_key_and_a_positive_lifetime()
    {
        Assert.Throws<ArgumentException>(() => Urls().ForDownload("../etc/passwd", TimeSpan.FromMinutes(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Urls().ForDownload(Key, TimeSpan.Zero));
        Assert.Throws<ArgumentException>(() => Urls().ForUpload(Key, TimeSpan.FromMinutes(1), ""));
    }
}
