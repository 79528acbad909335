namespace Vtis.ServiceModel;

/// <summary>Marks a request DTO whose operation answers with <typeparamref name="TResponse"/>.</summary>
/// <typeparam name="TResponse">The response DTO.</typeparam>
#pragma warning disable CA1040 // Marker interface: the generic argument is the declaration.
public interface IReturn<TResponse>;
#pragma warning restore CA1040

/// <summary>Marks a request DTO whose operation answers 204 No Content.</summary>
public interface IReturnVoid : IReturn<NoContent>;

/// <summary>A redirecting (302) operation whose caller may ask for the link in a 200 answer instead.</summary>
public interface IOptionalRedirect
{
    /// <summary>False: answer 200 with the link instead of redirecting.</summary>
    bool? Redirect { get; }
}

/// <summary>The empty response of an <see cref="IReturnVoid"/> operation.</summary>
public sealed class NoContent
{
    /// <summary>The only instance.</summary>
    public static readonly NoContent Value = new();
}

/// <summary>Declares the HTTP route and verb of a request DTO.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class RouteAttribute(string path, string verb) : Attribute
{
    /// <summary>Route template, e.g. <c>/api/v1/jobs/{id}</c>.</summary>
    public string Path { get; } = path;

    /// <summary>HTTP verb: GET, POST, PUT or DELETE.</summary>
    public string Verb { get; } = verb;

    /// <summary>Status code of a successful answer (200 unless stated; 204 for <see cref="IReturnVoid"/>).</summary>
    public int Status { get; init; } = 200;
}

/// <summary>The operation can be called without credentials.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AnonymousAttribute : Attribute;

/// <summary>The operation needs a signed-in session (an access token from signing in with the account's password);
/// an API key is refused with 403, so a leaked key cannot mint keys that outlive its revocation, or read webhook
/// secrets.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SignedInOnlyAttribute : Attribute;

/// <summary>The operation requires the caller to have one of these roles.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiredRoleAttribute(params string[] roles) : Attribute
{
    /// <summary>Accepted roles.</summary>
    public IReadOnlyList<string> Roles { get; } = roles;
}

/// <summary>The operation is subject to the named rate-limit policy (answers 429 with Retry-After past it).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RateLimitedAttribute(string policy) : Attribute
{
    /// <summary>Policy name configured on the server.</summary>
    public string Policy { get; } = policy;
}

/// <summary>The operation takes a <c>multipart/form-data</c> body whose file part is streamed to storage, never
/// buffered; the DTO's other properties are read from form fields of the same name (JSON for complex ones).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class FileUploadAttribute(string fieldName = "file") : Attribute
{
    /// <summary>Name of the form field carrying the file.</summary>
    public string FieldName { get; } = fieldName;
}

/// <summary>Groups operations in the API explorer.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class TagAttribute(string name) : Attribute
{
    /// <summary>Group name.</summary>
    public string Name { get; } = name;
}

/// <summary>Role names.</summary>
public static class Roles
{
    /// <summary>Every signed-up user.</summary>
    public const string User = "user";

    /// <summary>Operators of the service.</summary>
    public const string Admin = "admin";
}

/// <summary>Paging parameters shared by list operations.</summary>
public abstract class PagedRequest
{
    /// <summary>1-based page number.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, int.MaxValue)]
    public int? Page { get; set; }

    /// <summary>Items per page (1-200, default 20).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 200)]
    public int? PageSize { get; set; }
}

/// <summary>One page of a list.</summary>
/// <typeparam name="T">Item type.</typeparam>
public sealed class PagedResult<T>
{
    /// <summary>Items on this page.</summary>
    public IReadOnlyList<T> Items { get; set; } = [];

    /// <summary>Page number.</summary>
    public int Page { get; set; }

    /// <summary>Page size.</summary>
    public int PageSize { get; set; }

    /// <summary>Items across all pages.</summary>
    public int Total { get; set; }
}
