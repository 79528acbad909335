using System.Reflection;
using Vtis.ServiceModel;

namespace Vtis.AppHost.Operations;

/// <summary>One API operation as its request DTO declares it.</summary>
public sealed record Operation(
    Type RequestType,
    Type ResponseType,
    string Path,
    string Verb,
    int SuccessStatus,
    bool Anonymous,
    bool SignedInOnly,
    IReadOnlyList<string> Roles,
    string? RateLimitPolicy,
    string Tag,
    string? FileField)
{
    public string Name => RequestType.Name;

    /// <summary>POST and PUT read the DTO from the JSON body; GET and DELETE from the route and query string;
    /// file uploads stream a multipart body that their handler reads.</summary>
    public bool HasBody => Verb is "POST" or "PUT" or "PATCH";

    public bool IsFileUpload => FileField is not null;

    public bool ReturnsNothing => ResponseType == typeof(NoContent);
}

/// <summary>Finds every request DTO (a class implementing <see cref="IReturn{TResponse}"/> with a route).</summary>
public static class OperationCatalog
{
    public static IReadOnlyList<Operation> Discover(Assembly contract) =>
        contract.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetCustomAttribute<RouteAttribute>() is not null)
            .Select(Describe)
            .OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => o.Verb, StringComparer.Ordinal)
            .ToList();

    private static Operation Describe(Type type)
    {
        var route = type.GetCustomAttribute<RouteAttribute>()!;
        var returns = type.GetInterfaces()
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReturn<>))
            ?? throw new InvalidOperationException($"{type.Name} has a route but does not implement IReturn<T> or IReturnVoid.");
        var response = returns.GetGenericArguments()[0];
        var roles = type.GetCustomAttribute<RequiredRoleAttribute>()?.Roles ?? [];
        if (route.Path.StartsWith("/api/v1/admin/", StringComparison.Ordinal) && !roles.Contains(Roles.Admin))
            throw new InvalidOperationException($"{type.Name} is under /api/v1/admin but does not require the admin role.");
        return new Operation(
            type,
            response,
            route.Path,
            route.Verb.ToUpperInvariant(),
            response == typeof(NoContent) ? StatusCodes.Status204NoContent : route.Status,
            type.GetCustomAttribute<AnonymousAttribute>() is not null,
            type.GetCustomAttribute<SignedInOnlyAttribute>() is not null,
            roles,
            type.GetCustomAttribute<RateLimitedAttribute>()?.Policy,
            type.GetCustomAttribute<TagAttribute>()?.Name ?? type.Namespace?.Split('.').Last() ?? "API",
            type.GetCustomAttribute<FileUploadAttribute>()?.FieldName);
    }
}
