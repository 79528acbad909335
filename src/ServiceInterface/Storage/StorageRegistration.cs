using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Vtis.ServiceInterface.Storage;

public static class StorageRegistration
{
    /// <summary>Default of <see cref="StorageOptions.MaxUploadBytes"/> when <c>Uploads:MaxBytes</c> is not set.</summary>
    public const long DefaultMaxUploadBytes = 2L * 1024 * 1024 * 1024;

    // HKDF "info": a key derived for another purpose from the same JWT key gets another label and so another key.
    private static readonly byte[] SigningKeyLabel = Encoding.ASCII.GetBytes("vtis/storage/local-file-urls/v1");

    /// <summary>
    /// Binds and validates <see cref="StorageOptions"/> (start-up fails with a message naming the setting) and
    /// registers the one <see cref="IBlobStore"/> that <c>Storage:Provider</c> names, as a singleton, plus the
    /// <see cref="LocalFileUrls"/> signer used by the local store and its <c>/files</c> endpoints.
    /// </summary>
    public static IServiceCollection AddBlobStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .PostConfigure(options => ApplyDefaults(options, configuration))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<LocalFileUrls>();
        services.AddSingleton<IBlobStore>(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.Provider switch
        {
            StorageProvider.S3 => ActivatorUtilities.CreateInstance<S3BlobStore>(sp),
            _ => ActivatorUtilities.CreateInstance<LocalBlobStore>(sp),
        });
        return services;
    }

    // HKDF-SHA256 of the JWT key with a label of its own: knowing this key reveals nothing about the JWT key.
    private static string DeriveSigningKey(string jwtSigningKey) =>
        Convert.ToBase64String(HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(jwtSigningKey), 32, [], SigningKeyLabel));

    // Read when the options are first built, so values another start-up step wrote into configuration
    // (the generated Jwt:SigningKey of an embedded install) are seen.
    private static void ApplyDefaults(StorageOptions options, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(options.Local.Path))
            options.Local.Path = Path.Combine(configuration["App:DataDirectory"] is { Length: > 0 } data ? data : "data", "files");
        options.Local.Path = Path.GetFullPath(options.Local.Path);

        if (string.IsNullOrEmpty(options.SigningKey) && configuration["Jwt:SigningKey"] is { Length: > 0 } jwtKey)
            options.SigningKey = DeriveSigningKey(jwtKey);

        if (string.IsNullOrEmpty(options.PublicBaseUrl))
            options.PublicBaseUrl = configuration["App:PublicBaseUrl"];

        if (options.MaxUploadBytes == 0)
            options.MaxUploadBytes = configuration.GetValue("Uploads:MaxBytes", DefaultMaxUploadBytes);
    }
}
