using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Vtis.ServiceInterface.Common;

/// <summary>Claim names our tokens and API keys carry.</summary>
public static class AppClaims
{
    public const string UserId = "sub";
    public const string AccountId = "account_id";
    public const string Role = "role";
    public const string Email = "email";
    public const string AuthMethod = "amr";
}

/// <summary>The authenticated caller of the current request.</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }
    Guid UserId { get; }
    Guid AccountId { get; }
    bool IsInRole(string role);
    string AuthMethod { get; }
}

/// <summary>Which account's data the current unit of work may see. Read by the DbContext's query filters.</summary>
public interface ITenantContext
{
    /// <summary>The caller's account, or null when there is no authenticated caller.</summary>
    Guid? AccountId { get; }

    /// <summary>True for trusted background work and migrations, which see every account.</summary>
    bool IsSystem { get; }
}

/// <summary>A tenant context for code that runs outside a request (design time, seeding, background work).</summary>
public sealed class SystemTenantContext : ITenantContext
{
    public static readonly SystemTenantContext Instance = new();
    public Guid? AccountId => null;
    public bool IsSystem => true;
}

/// <summary>Reads the caller from the request's authenticated principal. Background work (queue jobs, pollers,
/// start-up) has no caller and calls <see cref="ActAsSystem"/> on its own scope to see every account.</summary>
public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser, ITenantContext
{
    private bool _system;
    private ClaimsPrincipal? _actingAs;

    private ClaimsPrincipal? Principal => _system ? null : _actingAs ?? accessor.HttpContext?.User;

    /// <summary>Makes this scope trusted system work: queries see every account. Never call it in a request.</summary>
    public void ActAsSystem() => _system = true;

    /// <summary>Makes this scope act for one user of one account (an operator's action on their behalf): it sees that
    /// account only, as the user would. Only for scopes created by trusted code, never the request's own.</summary>
    public void ActAs(Guid userId, Guid accountId, string authMethod) =>
        _actingAs = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(AppClaims.UserId, userId.ToString()), new Claim(AppClaims.AccountId, accountId.ToString()), new Claim(AppClaims.AuthMethod, authMethod)],
            authenticationType: authMethod));

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;

    public Guid UserId => ReadGuid(AppClaims.UserId);

    public Guid AccountId => ReadGuid(AppClaims.AccountId);

    public string AuthMethod => Principal?.FindFirstValue(AppClaims.AuthMethod) ?? "";

    public bool IsInRole(string role) => Principal?.IsInRole(role) == true;

    Guid? ITenantContext.AccountId =>
        !_system && IsAuthenticated && Guid.TryParse(Principal!.FindFirstValue(AppClaims.AccountId), out var id) ? id : null;

    bool ITenantContext.IsSystem => _system;

    private Guid ReadGuid(string claim) =>
        Guid.TryParse(Principal?.FindFirstValue(claim), out var id)
            ? id
            : throw Problems.Unauthorized("unauthenticated", "This operation needs a signed-in caller.");
}
