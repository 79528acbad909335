using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vtis.ServiceInterface.Storage;
using Vtis.StorageTests.Support;

namespace Vtis.StorageTests;

public sealed class StorageRegistrationTests
{
    private const string JwtKey = "jwt-signing-key-with-at-least-32-characters";

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddBlobStorage(configuration).BuildServiceProvider();
    }

    private static StorageOptions Options(Dictionary<string, string?> settings)
    {
        using var services = Services(settings);
        return services.GetRequiredService<IOptions<StorageOptions>>().Value;
    }

    private static string ValidationMessage(Dictionary<string, string?> settings) =>
        Assert.Throws<OptionsValidationException>(() => Options(settings))!.Message;

    [Test]
    public void Defaults_come_from_the_app_settings()
    {
        var options = Options(new() { ["Jwt:SigningKey"] = JwtKey, ["App:DataDirectory"] = "var/vtis", ["App:PublicBaseUrl"] = "https://vtis.example" });

        Assert.That(options.Provider, Is.EqualTo(StorageProvider.Local));
        Assert.That(options.Local.Path, Is.EqualTo(Path.GetFullPath("var/vtis/files")));
        Assert.That(options.PublicBaseUrl, Is.EqualTo("https://vtis.example"));
        Assert.That(options.MaxUploadBytes, Is.EqualTo(2L * 1024 * 1024 * 1024));
        Assert.That(options.S3.Region, Is.EqualTo("us-east-1"));
        Assert.That(options.S3.CreateBucketIfMissing, Is.True);
    }

    [Test]
    public void Local_path_defaults_to_files_under_the_default_data_directory()
    {
        Assert.That(Options(new() { ["Jwt:SigningKey"] = JwtKey }).Local.Path, Is.EqualTo(Path.GetFullPath("data/files")));
    }

    [Test]
    public void Upload_limit_comes_from_Uploads_MaxBytes()
    {
        Assert.That(Options(new() { ["Jwt:SigningKey"] = JwtKey, ["Uploads:MaxBytes"] = "1000" }).MaxUploadBytes, Is.EqualTo(1000));
    }

    [Test]
    public void Signing_key_is_derived_from_the_jwt_key_the_same_way_on_every_replica()
    {
        var derived = Options(new() { ["Jwt:SigningKey"] = JwtKey }).SigningKey;

        Assert.That(derived, Is.EqualTo(Options(new() { ["Jwt:SigningKey"] = JwtKey }).SigningKey));
        Assert.That(derived, Is.Not.EqualTo(JwtKey));
        Assert.That(derived, Is.Not.EqualTo(Options(new() { ["Jwt:SigningKey"] = JwtKey + "2" }).SigningKey));
        Assert.That(derived.Length, Is.GreaterThanOrEqualTo(StorageOptions.MinSigningKeyLength));
    }

    [Test]
    public void An_explicit_signing_key_wins()
    {
        var key = new string('s', 40);
        Assert.That(Options(new() { ["Jwt:SigningKey"] = JwtKey, ["Storage:SigningKey"] = key }).SigningKey, Is.EqualTo(key));
    }

    [TestCase("Storage:SigningKey", "short", "Storage:SigningKey must be at least 32 characters.")]
    [TestCase("App:PublicBaseUrl", "vtis.example", "App:PublicBaseUrl must be an absolute http or https URL.")]
    [TestCase("Uploads:MaxBytes", "-1", "Uploads:MaxBytes must be greater than zero.")]
    public void Invalid_setting_is_named_in_the_error(string setting, string value, string message)
    {
        Assert.That(ValidationMessage(new() { ["Jwt:SigningKey"] = JwtKey, [setting] = value }), Does.Contain(message));
    }

    [Test]
    public void Without_any_key_the_signing_key_is_reported_missing()
    {
        Assert.That(ValidationMessage([]), Does.Contain("Storage:SigningKey is required when Jwt:SigningKey is not set."));
    }

    [Test]
    public void Unknown_provider_is_named_in_the_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Options(new() { ["Jwt:SigningKey"] = JwtKey, ["Storage:Provider"] = "Azure" }));
        Assert.That(error!.Message, Does.Contain("Storage:Provider"));
    }

    [TestCase(null, null, null, "Storage:S3:Bucket is required when Storage:Provider is S3.")]
    [TestCase("media", "key-only", null, "Storage:S3:AccessKey and Storage:S3:SecretKey must be set together.")]
    [TestCase("media", null, "minio:9000", "Storage:S3:ServiceUrl must be an absolute http or https URL.")]
    [TestCase("media", null, null, "Storage:S3:PublicServiceUrl must be an absolute http or https URL.", "localhost:9000")]
    public void Invalid_s3_settings_are_named_in_the_error(string? bucket, string? accessKey, string? serviceUrl, string message, string? publicServiceUrl = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Jwt:SigningKey"] = JwtKey,
            ["Storage:Provider"] = "S3",
            ["Storage:S3:Bucket"] = bucket,
            ["Storage:S3:AccessKey"] = accessKey,
            ["Storage:S3:ServiceUrl"] = serviceUrl,
            ["Storage:S3:PublicServiceUrl"] = publicServiceUrl,
        };
        Assert.That(ValidationMessage(settings), Does.Contain(message));
    }

    [Test]
    public void Provider_setting_picks_the_one_store()
    {
        using var local = Services(new() { ["Jwt:SigningKey"] = JwtKey });
        using var s3 = Services(new() { ["Jwt:SigningKey"] = JwtKey, ["Storage:Provider"] = "s3", ["Storage:S3:Bucket"] = "media" });

        Assert.That(local.GetRequiredService<IBlobStore>(), Is.InstanceOf<LocalBlobStore>());
        Assert.That(s3.GetRequiredService<IBlobStore>(), Is.InstanceOf<S3BlobStore>());
        Assert.That(s3.GetRequiredService<LocalFileUrls>(), Is.Not.Null);
    }

    [Test]
    public async Task With_the_s3_provider_the_files_endpoints_answer_404_even_to_a_valid_signature()
    {
        await using var host = await LocalFilesHost.StartAsync(new Dictionary<string, string?>
        {
            ["Jwt:SigningKey"] = JwtKey,
            ["Storage:Provider"] = "S3",
            ["Storage:S3:Bucket"] = "media",
            ["Storage:S3:ServiceUrl"] = "http://127.0.0.1:9",
        });
        using var content = new ByteArrayContent([1, 2, 3]);
        content.Headers.ContentType = new("video/mp4");

        using var get = await host.Http.GetAsync(host.Urls.ForDownload("a/b.mp4", TimeSpan.FromMinutes(1)));
        using var put = await host.Http.PutAsync(host.Urls.ForUpload("a/b.mp4", TimeSpan.FromMinutes(1), "video/mp4"), content);

        Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
