using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceModel;
using Vtis.ServiceModel.Admin;

namespace Vtis.ServiceInterface.Admin;

/// <summary>The query a list or export asks for.</summary>
public sealed record AdminQuery(string? Sort, bool Desc, string? Search, IReadOnlyList<string> Filters);

/// <summary>A resource of the admin console: its rows come from one entity set (all accounts), its fields are
/// declared once with what may be filtered, sorted and searched, and its actions are request DTOs the console
/// renders as forms. The console needs nothing else to show it.</summary>
public abstract class AdminResource
{
    public abstract AdminResourceInfo Info { get; }

    public abstract Task<(IReadOnlyList<Dictionary<string, object?>> Rows, int Total)> ListAsync(
        AppDbContext db, AdminQuery query, int skip, int take, CancellationToken ct);

    public abstract Task<Dictionary<string, object?>?> GetAsync(AppDbContext db, string id, CancellationToken ct);
}

/// <summary>A resource over entity <typeparamref name="T"/>.</summary>
public sealed class AdminResource<T>(string name, string label, Func<AppDbContext, IQueryable<T>> source) : AdminResource
    where T : class
{
    private sealed record Field(PropertyInfo Property, AdminFieldInfo Info);

    private readonly List<Field> _fields = [];
    private readonly List<AdminActionInfo> _actions = [];
    private string _defaultSort = "";

    public override AdminResourceInfo Info => new()
    {
        Name = name,
        Label = label,
        IdField = "id",
        DefaultSort = _defaultSort,
        Fields = [.. _fields.Select(f => f.Info)],
        Actions = _actions,
    };

    /// <summary>Declares a field; the first is the id.</summary>
    public AdminResource<T> Show(Expression<Func<T, object?>> member, bool filter = false, bool sort = false, bool search = false,
        bool detailOnly = false, string? references = null, string? label = null)
    {
        var property = PropertyOf(member);
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        _fields.Add(new Field(property, new AdminFieldInfo
        {
            Name = Camel(property.Name),
            Label = label ?? Words(property.Name),
            Type = TypeName(type),
            Values = type.IsEnum ? Enum.GetNames(type) : null,
            Filterable = filter,
            Sortable = sort,
            Searchable = search && type == typeof(string),
            DetailOnly = detailOnly,
            References = references,
        }));
        return this;
    }

    /// <summary>The order rows come in when none is asked for (descending).</summary>
    public AdminResource<T> SortedBy(Expression<Func<T, object?>> member)
    {
        _defaultSort = Camel(PropertyOf(member).Name);
        return this;
    }

    /// <summary>Declares an action: the request DTO <typeparamref name="TRequest"/>, its route parameters filled from
    /// row fields (<paramref name="rowValues"/>: parameter = field), fixed <paramref name="values"/>, the rest asked for.</summary>
    public AdminResource<T> Action<TRequest>(string actionLabel, IReadOnlyDictionary<string, string>? rowValues = null,
        IReadOnlyDictionary<string, object?>? values = null, bool confirm = false)
    {
        var route = typeof(TRequest).GetCustomAttribute<RouteAttribute>()
            ?? throw new InvalidOperationException($"{typeof(TRequest).Name} has no route.");
        rowValues ??= new Dictionary<string, string> { ["id"] = "id" };
        values ??= new Dictionary<string, object?>();
        var inputs = typeof(TRequest).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && !rowValues.Keys.Contains(p.Name, StringComparer.OrdinalIgnoreCase)
                        && !values.Keys.Contains(p.Name, StringComparer.OrdinalIgnoreCase))
            .Select(Input).ToList();
        _actions.Add(new AdminActionInfo
        {
            Name = typeof(TRequest).Name,
            Label = actionLabel,
            Method = route.Verb,
            Route = route.Path,
            RowValues = rowValues,
            Values = values,
            Inputs = inputs,
            Confirm = confirm,
        });
        return this;
    }

    public override async Task<(IReadOnlyList<Dictionary<string, object?>> Rows, int Total)> ListAsync(
        AppDbContext db, AdminQuery query, int skip, int take, CancellationToken ct)
    {
        var rows = Filtered(db, query);
        var total = await rows.CountAsync(ct);
        var page = await Sorted(rows, query).Skip(skip).Take(take).ToListAsync(ct);
        return ([.. page.Select(r => Row(r, detail: false))], total);
    }

    public override async Task<Dictionary<string, object?>?> GetAsync(AppDbContext db, string id, CancellationToken ct)
    {
        var key = _fields[0].Property;
        var value = Parse(key, id);
        var entity = await source(db).AsNoTracking().Where(Equal(key, value)).SingleOrDefaultAsync(ct);
        return entity is null ? null : Row(entity, detail: true);
    }

    private IQueryable<T> Filtered(AppDbContext db, AdminQuery query)
    {
        var rows = source(db).AsNoTracking();
        foreach (var filter in query.Filters)
        {
            var colon = filter.IndexOf(':', StringComparison.Ordinal);
            var field = colon > 0 ? _fields.FirstOrDefault(f => f.Info.Filterable && f.Info.Name == filter[..colon]) : null;
            if (field is null) throw Problems.Field("filter", $"'{filter}' is not field:value with a filterable field of {name}.");
            rows = rows.Where(Equal(field.Property, Parse(field.Property, filter[(colon + 1)..])));
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var searched = _fields.Where(f => f.Info.Searchable).ToList();
            if (searched.Count > 0) rows = rows.Where(Contains(searched.Select(f => f.Property), query.Search.Trim().ToLowerInvariant()));
        }
        return rows;
    }

    private IQueryable<T> Sorted(IQueryable<T> rows, AdminQuery query)
    {
        var sort = string.IsNullOrEmpty(query.Sort) ? _defaultSort : query.Sort;
        var desc = string.IsNullOrEmpty(query.Sort) || query.Desc;
        var field = _fields.FirstOrDefault(f => f.Info.Name == sort && (f.Info.Sortable || sort == _defaultSort))
            ?? throw Problems.Field("sort", $"'{sort}' is not a sortable field of {name}.");
        var parameter = Expression.Parameter(typeof(T), "r");
        var key = Expression.Lambda(Expression.Property(parameter, field.Property), parameter);
        var method = desc ? nameof(Queryable.OrderByDescending) : nameof(Queryable.OrderBy);
        var ordered = Expression.Call(typeof(Queryable), method, [typeof(T), field.Property.PropertyType], rows.Expression, Expression.Quote(key));
        return rows.Provider.CreateQuery<T>(ordered);
    }

    private Dictionary<string, object?> Row(T entity, bool detail) =>
        _fields.Where(f => detail || !f.Info.DetailOnly).ToDictionary(f => f.Info.Name, f => f.Property.GetValue(entity));

    private static Expression<Func<T, bool>> Equal(PropertyInfo property, object? value)
    {
        var parameter = Expression.Parameter(typeof(T), "r");
        var body = Expression.Equal(Expression.Property(parameter, property), Expression.Constant(value, property.PropertyType));
        return Expression.Lambda<Func<T, bool>>(body, parameter);
    }

    private static Expression<Func<T, bool>> Contains(IEnumerable<PropertyInfo> properties, string term)
    {
        var parameter = Expression.Parameter(typeof(T), "r");
        var lower = typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!;
        var contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
        Expression? any = null;
        foreach (var property in properties)
        {
            var value = Expression.Property(parameter, property);
            Expression test = Expression.AndAlso(Expression.NotEqual(value, Expression.Constant(null, typeof(string))),
                Expression.Call(Expression.Call(value, lower), contains, Expression.Constant(term)));
            any = any is null ? test : Expression.OrElse(any, test);
        }
        return Expression.Lambda<Func<T, bool>>(any!, parameter);
    }

    private static object? Parse(PropertyInfo property, string text)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        try
        {
            if (text.Length == 0 && type != typeof(string)) return null;
            if (type == typeof(string)) return text;
            if (type == typeof(Guid)) return Guid.Parse(text);
            if (type.IsEnum) return Enum.Parse(type, text, ignoreCase: true);
            if (type == typeof(bool)) return bool.Parse(text);
            if (type == typeof(DateTimeOffset)) return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
            return Convert.ChangeType(text, type, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException or InvalidCastException)
        {
            throw Problems.Field(Camel(property.Name), $"'{text}' is not a valid {TypeName(type)}.");
        }
    }

    private static AdminInputInfo Input(PropertyInfo p)
    {
        var type = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
        var range = p.GetCustomAttribute<RangeAttribute>();
        var length = p.GetCustomAttribute<StringLengthAttribute>();
        return new AdminInputInfo
        {
            Name = Camel(p.Name),
            Type = TypeName(type),
            Required = p.GetCustomAttribute<RequiredAttribute>() is not null,
            Minimum = range is null ? null : Convert.ToDouble(range.Minimum, CultureInfo.InvariantCulture),
            Maximum = range is null ? null : Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture),
            MaxLength = length?.MaximumLength,
            MinLength = length is { MinimumLength: > 0 } ? length.MinimumLength : null,
            Values = type.IsEnum ? Enum.GetNames(type) : null,
        };
    }

    private static PropertyInfo PropertyOf(Expression<Func<T, object?>> member)
    {
        var body = member.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : member.Body;
        return body is MemberExpression { Member: PropertyInfo property } ? property
            : throw new ArgumentException("A field must be a property of the entity.", nameof(member));
    }

    private static string TypeName(Type type) =>
        type == typeof(string) ? "string"
        : type == typeof(bool) ? "boolean"
        : type == typeof(Guid) ? "guid"
        : type == typeof(DateTimeOffset) || type == typeof(DateTime) ? "datetime"
        : type.IsEnum ? "enum"
        : type == typeof(int) || type == typeof(long) ? "integer"
        : type == typeof(double) || type == typeof(decimal) ? "number"
        : "string";

    internal static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static string Words(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) && !char.IsUpper(name[i - 1]) ? " " + char.ToLowerInvariant(c) : c.ToString()));
}
