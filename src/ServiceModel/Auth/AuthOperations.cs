using System.ComponentModel.DataAnnotations;

namespace Vtis.ServiceModel.Auth;

/// <summary>Creates a user and its account (the tenant), grants the sign-up credits and signs the user in.</summary>
[Route("/api/v1/auth/register", "POST", Status = 201), Anonymous, RateLimited("auth"), Tag("Auth")]
public sealed class Register : IReturn<AuthTokens>
{
    /// <summary>Email address; also the login name.</summary>
    [Required, EmailAddress, StringLength(254)]
    public string Email { get; set; } = "";

    /// <summary>At least 8 characters.</summary>
    [Required, StringLength(128, MinimumLength = 8)]
    public string Password { get; set; } = "";

    /// <summary>Name shown in the app; defaults to the part of the email before the @.</summary>
    [StringLength(100)]
    public string? DisplayName { get; set; }
}

/// <summary>Exchanges email and password for tokens. Repeated failures lock the user out for a while.</summary>
[Route("/api/v1/auth/login", "POST"), Anonymous, RateLimited("auth"), Tag("Auth")]
public sealed class Login : IReturn<AuthTokens>
{
    /// <summary>Email address.</summary>
    [Required, StringLength(254)]
    public string Email { get; set; } = "";

    /// <summary>Password.</summary>
    [Required, StringLength(128)]
    public string Password { get; set; } = "";
}

/// <summary>Exchanges a refresh token for a new pair. Each refresh token works once; reusing one revokes its whole
/// family (every token issued from the same login).</summary>
[Route("/api/v1/auth/refresh", "POST"), Anonymous, RateLimited("auth"), Tag("Auth")]
public sealed class RefreshTokens : IReturn<AuthTokens>
{
    /// <summary>The refresh token from the last login or refresh.</summary>
    [Required, StringLength(200)]
    public string RefreshToken { get; set; } = "";
}

/// <summary>Ends the session the refresh token belongs to: it and every token rotated from it stop working.</summary>
[Route("/api/v1/auth/logout", "POST"), Anonymous, Tag("Auth")]
public sealed class Logout : IReturnVoid
{
    /// <summary>The session's current refresh token.</summary>
    [Required, StringLength(200)]
    public string RefreshToken { get; set; } = "";
}

/// <summary>The signed-in user, their account, roles and credit balance.</summary>
[Route("/api/v1/auth/me", "GET"), Tag("Auth")]
public sealed class GetMe : IReturn<MeResponse>;

/// <summary>Changes the caller's password and ends all their other sessions.</summary>
[Route("/api/v1/auth/change-password", "POST"), Tag("Auth")]
public sealed class ChangePassword : IReturnVoid
{
    /// <summary>Current password.</summary>
    [Required, StringLength(128)]
    public string CurrentPassword { get; set; } = "";

    /// <summary>New password, at least 8 characters.</summary>
    [Required, StringLength(128, MinimumLength = 8)]
    public string NewPassword { get; set; } = "";
}

/// <summary>A token pair.</summary>
public sealed class AuthTokens
{
    /// <summary>Short-lived JWT for <c>Authorization: Bearer</c>.</summary>
    public string AccessToken { get; set; } = "";

    /// <summary>Opaque, single-use token for <c>/api/v1/auth/refresh</c>.</summary>
    public string RefreshToken { get; set; } = "";

    /// <summary>Seconds until the access token expires.</summary>
    public int ExpiresIn { get; set; }

    /// <summary>Always <c>Bearer</c>.</summary>
    public string TokenType { get; set; } = "Bearer";
}

/// <summary>Who is calling.</summary>
public sealed class MeResponse
{
    /// <summary>The user.</summary>
    public UserInfo User { get; set; } = new();

    /// <summary>The account (tenant) the user belongs to.</summary>
    public AccountInfo Account { get; set; } = new();

    /// <summary>Roles of the user.</summary>
    public IReadOnlyList<string> Roles { get; set; } = [];

    /// <summary>Credit balance of the account.</summary>
    public CreditBalance Credits { get; set; } = new();

    /// <summary>How the caller authenticated: <c>jwt</c> or <c>apiKey</c>.</summary>
    public string AuthenticatedBy { get; set; } = "";
}

/// <summary>A user.</summary>
public sealed class UserInfo
{
    /// <summary>User id.</summary>
    public Guid Id { get; set; }

    /// <summary>Email address.</summary>
    public string Email { get; set; } = "";

    /// <summary>Display name.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>When the user signed up (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>An account: the tenant that owns jobs, files, credits, API keys and webhook endpoints.</summary>
public sealed class AccountInfo
{
    /// <summary>Account id.</summary>
    public Guid Id { get; set; }

    /// <summary>Account name.</summary>
    public string Name { get; set; } = "";
}

/// <summary>Credits of an account, in whole credits.</summary>
public sealed class CreditBalance
{
    /// <summary>Sum of all ledger entries.</summary>
    public long Balance { get; set; }

    /// <summary>Credits held by running jobs.</summary>
    public long Reserved { get; set; }

    /// <summary>Balance less reservations: what new jobs can use.</summary>
    public long Available { get; set; }
}
