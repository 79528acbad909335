using System.ComponentModel.DataAnnotations;

namespace Vtis.ServiceInterface.Storage;

/// <summary>Where blobs live: a local folder (embedded default) or an S3-compatible bucket.</summary>
public enum StorageProvider
{
    Local,
    S3,
}

/// <summary>Settings under <c>Storage</c>. Defaults that depend on other sections are filled in by
/// <see cref="StorageRegistration.AddBlobStorage"/>.</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    /// <summary>Smallest explicit <see cref="SigningKey"/>, as for <c>Jwt:SigningKey</c>.</summary>
    public const int MinSigningKeyLength = 32;

    /// <summary><c>Local</c> (default) or <c>S3</c>.</summary>
    [EnumDataType(typeof(StorageProvider), ErrorMessage = "Storage:Provider must be Local or S3.")]
    public StorageProvider Provider { get; set; } = StorageProvider.Local;

    public LocalStorageOptions Local { get; set; } = new();

    public S3StorageOptions S3 { get; set; } = new();

    /// <summary>HMAC key of the local store's signed <c>/files/…</c> URLs. Empty: derived from <c>Jwt:SigningKey</c>,
    /// so every replica agrees on it without a setting of its own.</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>Absolute base of the local store's signed URLs. Default: <c>App:PublicBaseUrl</c>; when neither is
    /// set the URLs are root-relative (<c>/files/…</c>).</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Largest body <c>PUT /files/…</c> accepts. Default: <c>Uploads:MaxBytes</c>, else 2 GiB.</summary>
    public long MaxUploadBytes { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(SigningKey))
            yield return new ValidationResult("Storage:SigningKey is required when Jwt:SigningKey is not set.", [nameof(SigningKey)]);
        else if (SigningKey.Length < MinSigningKeyLength)
            yield return new ValidationResult($"Storage:SigningKey must be at least {MinSigningKeyLength} characters.", [nameof(SigningKey)]);

        if (!string.IsNullOrEmpty(PublicBaseUrl) && !IsHttpUrl(PublicBaseUrl))
            yield return new ValidationResult("App:PublicBaseUrl must be an absolute http or https URL.", [nameof(PublicBaseUrl)]);

        if (MaxUploadBytes <= 0)
            yield return new ValidationResult("Uploads:MaxBytes must be greater than zero.", [nameof(MaxUploadBytes)]);

        if (Provider == StorageProvider.S3)
            foreach (var result in S3.Validate())
                yield return result;
    }

    internal static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}

/// <summary>Settings under <c>Storage:Local</c>.</summary>
public sealed class LocalStorageOptions
{
    /// <summary>Root folder of the blobs. Default: <c>{App:DataDirectory}/files</c>, relative to the working directory.</summary>
    public string Path { get; set; } = "";
}

/// <summary>Settings under <c>Storage:S3</c> (AWS S3, MinIO or any S3-compatible server).</summary>
public sealed class S3StorageOptions
{
    /// <summary>Endpoint of a non-AWS server (MinIO, s3rver), e.g. <c>http://minio:9000</c>. Empty: AWS for
    /// <see cref="Region"/>.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>The endpoint browsers, integrators and GhostCut reach the bucket at, when it is not
    /// <see cref="ServiceUrl"/> (inside docker compose the app uses <c>http://minio:9000</c>, a browser
    /// <c>http://localhost:9000</c> or a public host). Download and upload URLs are presigned for it; ffprobe and
    /// ffmpeg in the app's own processes keep using <see cref="ServiceUrl"/>. Empty: the same endpoint.</summary>
    public string? PublicServiceUrl { get; set; }

    /// <summary>Alias: <c>AWS_REGION</c>.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Alias: <c>AWS_S3_BUCKET</c>.</summary>
    public string Bucket { get; set; } = "";

    /// <summary>With <see cref="SecretKey"/>; both empty uses the SDK's default credential chain (environment,
    /// profile, instance or task role). Alias: <c>AWS_ACCESS_KEY_ID</c>.</summary>
    public string? AccessKey { get; set; }

    /// <summary>Alias: <c>AWS_SECRET_ACCESS_KEY</c>.</summary>
    public string? SecretKey { get; set; }

    /// <summary>Address buckets by path (<c>host/bucket/key</c>) rather than by host name; MinIO and s3rver need it.</summary>
    public bool ForcePathStyle { get; set; }

    /// <summary>Create the bucket on first use when it does not exist.</summary>
    public bool CreateBucketIfMissing { get; set; } = true;

    internal IEnumerable<ValidationResult> Validate()
    {
        if (string.IsNullOrWhiteSpace(Bucket))
            yield return new ValidationResult("Storage:S3:Bucket is required when Storage:Provider is S3.", ["S3.Bucket"]);
        if (string.IsNullOrWhiteSpace(Region))
            yield return new ValidationResult("Storage:S3:Region is required when Storage:Provider is S3.", ["S3.Region"]);
        if (!string.IsNullOrEmpty(ServiceUrl) && !StorageOptions.IsHttpUrl(ServiceUrl))
            yield return new ValidationResult("Storage:S3:ServiceUrl must be an absolute http or https URL.", ["S3.ServiceUrl"]);
        if (!string.IsNullOrEmpty(PublicServiceUrl) && !StorageOptions.IsHttpUrl(PublicServiceUrl))
            yield return new ValidationResult("Storage:S3:PublicServiceUrl must be an absolute http or https URL.", ["S3.PublicServiceUrl"]);
        if (string.IsNullOrEmpty(AccessKey) != string.IsNullOrEmpty(SecretKey))
            yield return new ValidationResult("Storage:S3:AccessKey and Storage:S3:SecretKey must be set together.", ["S3.AccessKey", "S3.SecretKey"]);
    }
}
