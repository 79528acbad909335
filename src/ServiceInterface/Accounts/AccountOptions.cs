using System.ComponentModel.DataAnnotations;

namespace Vtis.ServiceInterface.Accounts;

/// <summary>Settings under <c>Jwt</c>.</summary>
public sealed class JwtOptions
{
    public const string Section = "Jwt";

    /// <summary>HMAC-SHA256 key, at least 32 characters. Alias: <c>JWT_SECRET_KEY</c>. Must be the same on every replica.</summary>
    [Required(ErrorMessage = "Jwt:SigningKey (or JWT_SECRET_KEY) is required."), MinLength(32, ErrorMessage = "Jwt:SigningKey must be at least 32 characters.")]
    public string SigningKey { get; set; } = "";

    [Required]
    public string Issuer { get; set; } = "vtis";

    [Required]
    public string Audience { get; set; } = "vtis";

    [Range(1, 1440)]
    public int AccessTokenMinutes { get; set; } = 15;

    [Range(1, 365)]
    public int RefreshTokenDays { get; set; } = 30;
}

/// <summary>Settings under <c>Accounts</c>.</summary>
public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>Free credits granted at sign-up.</summary>
    [Range(0, 1_000_000)]
    public int SignupCredits { get; set; } = 10;

    /// <summary>Failed logins in a row before the user is locked out.</summary>
    [Range(1, 100)]
    public int MaxFailedLogins { get; set; } = 5;

    [Range(1, 1440)]
    public int LockoutMinutes { get; set; } = 15;
}

/// <summary>Settings under <c>Admin</c>: the operator account ensured at start-up.</summary>
public sealed class AdminOptions : IValidatableObject
{
    public const string Section = "Admin";

    public string? Email { get; set; }

    public string? Password { get; set; }

    // Empty counts as unset (an empty Admin__Email in a compose file must not break start-up).
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(Email) && !new EmailAddressAttribute().IsValid(Email))
            yield return new ValidationResult("Admin:Email (Admin__Email) is not a valid email address.", [nameof(Email)]);
        if (!string.IsNullOrEmpty(Password) && Password.Length < 8)
            yield return new ValidationResult("Admin:Password (Admin__Password) must be at least 8 characters.", [nameof(Password)]);
    }
}
