using System.Collections;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Vtis.ServiceModel;

namespace Vtis.Client;

/// <summary>
/// Typed client for the service: sends any request DTO to the route it declares and returns its typed response.
/// <code>var job = await client.SendAsync(new GetJob { Id = id });</code>
/// </summary>
public sealed class VtisClient : IDisposable
{
    /// <summary>The JSON settings the service uses: camelCase names, enums as strings.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly HttpStatusCode[] Transient =
        [HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout];

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <summary>Uses the given HttpClient; its BaseAddress must point at the service.</summary>
    public VtisClient(HttpClient http)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        if (_http.BaseAddress is null) throw new ArgumentException("The HttpClient needs a BaseAddress.", nameof(http));
    }

    /// <summary>Creates a client for the service at <paramref name="baseUrl"/>.</summary>
    public VtisClient(Uri baseUrl)
        : this(NewHttpClient(baseUrl)) => _ownsHttp = true;

    /// <summary>An HttpClient as this client expects it: redirects are not followed, so operations that answer 302
    /// (downloads) return their link instead of fetching the file.</summary>
    public static HttpClient NewHttpClient(Uri baseUrl) =>
        new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = baseUrl };

    /// <summary>An access token from login or refresh, sent as <c>Authorization: Bearer</c>.</summary>
    public string? BearerToken { get; set; }

    /// <summary>An API key, sent as <c>X-Api-Key</c>. Used when no <see cref="BearerToken"/> is set.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Check the DTO's validation rules before sending (default on); a violation throws <see cref="ApiException"/> with status 400.</summary>
    public bool ValidateBeforeSend { get; set; } = true;

    /// <summary>Retries of a GET after a connection failure or a 502/503/504 (default 2).</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>Sends the request and returns its typed response.</summary>
    public async Task<TResponse> SendAsync<TResponse>(IReturn<TResponse> request, CancellationToken ct = default)
    {
        using var response = await SendForResponseAsync(request, ct).ConfigureAwait(false);
        if (typeof(TResponse) == typeof(NoContent)) return (TResponse)(object)NoContent.Value;
        var body = await response.Content.ReadFromJsonAsync<TResponse>(JsonOptions, ct).ConfigureAwait(false);
        return body ?? throw new ApiException((int)response.StatusCode, null, "Empty response", "The service answered without a body.");
    }

    /// <summary>Sends a request with an <c>Idempotency-Key</c>: retrying with the same key answers the same result
    /// instead of doing the work twice (e.g. <c>SubmitJob</c>).</summary>
    public async Task<TResponse> SendAsync<TResponse>(IReturn<TResponse> request, string idempotencyKey, CancellationToken ct = default)
    {
        using var response = await SendForResponseAsync(request, ct, ("Idempotency-Key", idempotencyKey)).ConfigureAwait(false);
        return (await response.Content.ReadFromJsonAsync<TResponse>(JsonOptions, ct).ConfigureAwait(false))!;
    }

    /// <summary>Sends a request whose operation answers 204 No Content.</summary>
    public async Task SendAsync(IReturnVoid request, CancellationToken ct = default)
    {
        using var response = await SendForResponseAsync(request, ct).ConfigureAwait(false);
    }

    /// <summary>Sends a file-upload operation (<see cref="FileUploadAttribute"/>) as multipart/form-data: the file
    /// is streamed from <paramref name="file"/>; the DTO's other properties go as form fields (JSON when complex).</summary>
    public async Task<TResponse> UploadAsync<TResponse>(IReturn<TResponse> request, Stream file, string fileName,
        string contentType = "application/octet-stream", CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var type = request.GetType();
        var route = type.GetCustomAttribute<RouteAttribute>()
            ?? throw new ArgumentException($"{type.Name} has no [Route]; it is not a request DTO.", nameof(request));
        var field = type.GetCustomAttribute<FileUploadAttribute>()?.FieldName
            ?? throw new ArgumentException($"{type.Name} is not a file-upload operation.", nameof(request));
        if (ValidateBeforeSend && DtoValidator.Validate(request) is { Count: > 0 } errors)
            throw new ApiException(400, "/problems/validation", "One or more fields are invalid.", "Checked by the client before sending.", errors);

        using var form = new MultipartFormDataContent();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead))
        {
            var value = property.GetValue(request);
            if (value is null) continue;
            var text = value is string s ? s : JsonSerializer.Serialize(value, property.PropertyType, JsonOptions);
            form.Add(new StringContent(text, Encoding.UTF8), JsonNamingPolicy.CamelCase.ConvertName(property.Name));
        }

        var part = new StreamContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(part, field, fileName);
        using var message = new HttpRequestMessage(new HttpMethod(route.Verb.ToUpperInvariant()), route.Path.TrimStart('/')) { Content = form };
        Authorize(message);
        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw await ToException(response, ct).ConfigureAwait(false);
        return (await response.Content.ReadFromJsonAsync<TResponse>(JsonOptions, ct).ConfigureAwait(false))!;
    }

    /// <summary>Sends the request and returns the raw successful response (for redirects, headers or streams).
    /// The caller disposes it. Errors still throw <see cref="ApiException"/>.</summary>
    public async Task<HttpResponseMessage> SendForResponseAsync(object request, CancellationToken ct = default,
        params (string Name, string Value)[] headers)
    {
        ArgumentNullException.ThrowIfNull(request);
        var route = request.GetType().GetCustomAttribute<RouteAttribute>()
            ?? throw new ArgumentException($"{request.GetType().Name} has no [Route]; it is not a request DTO.", nameof(request));
        if (ValidateBeforeSend && DtoValidator.Validate(request) is { Count: > 0 } errors)
            throw new ApiException(400, "/problems/validation", "One or more fields are invalid.", "Checked by the client before sending.", errors);

        var verb = route.Verb.ToUpperInvariant();
        var canRetry = verb == "GET";
        for (var attempt = 0; ; attempt++)
        {
            using var message = Build(request, route.Path, verb);
            foreach (var (name, value) in headers) message.Headers.TryAddWithoutValidation(name, value);
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            }
            catch (HttpRequestException) when (canRetry && attempt < MaxRetries)
            {
                await Backoff(attempt, ct).ConfigureAwait(false);
                continue;
            }

            if (response.IsSuccessStatusCode || (int)response.StatusCode is >= 300 and < 400) return response;
            if (canRetry && attempt < MaxRetries && Transient.Contains(response.StatusCode))
            {
                response.Dispose();
                await Backoff(attempt, ct).ConfigureAwait(false);
                continue;
            }

            using (response) throw await ToException(response, ct).ConfigureAwait(false);
        }
    }

    private HttpRequestMessage Build(object request, string template, string verb)
    {
        var properties = request.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0).ToList();
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var path = new StringBuilder();
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            if (open < 0) { path.Append(template, i, template.Length - i); break; }
            var close = template.IndexOf('}', open);
            path.Append(template, i, open - i);
            var name = template[(open + 1)..close].Split(':')[0].TrimEnd('?');
            var property = properties.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidOperationException($"Route {template} names {{{name}}} but {request.GetType().Name} has no such property.");
            path.Append(Uri.EscapeDataString(Format(property.GetValue(request)) ?? ""));
            used.Add(property.Name);
            i = close + 1;
        }

        var hasBody = verb is "POST" or "PUT" or "PATCH";
        if (!hasBody)
        {
            var query = new List<string>();
            foreach (var property in properties.Where(p => !used.Contains(p.Name)))
            {
                var value = property.GetValue(request);
                var key = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                IEnumerable values = value is IEnumerable many and not string ? many : new[] { value };
                foreach (var item in values)
                    if (Format(item) is { } text) query.Add($"{key}={Uri.EscapeDataString(text)}");
            }

            if (query.Count > 0) path.Append('?').Append(string.Join('&', query));
        }

        var message = new HttpRequestMessage(new HttpMethod(verb), path.ToString().TrimStart('/'));
        Authorize(message);
        if (hasBody) message.Content = JsonContent.Create(request, request.GetType(), options: JsonOptions);
        return message;
    }

    private void Authorize(HttpRequestMessage message)
    {
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (!string.IsNullOrEmpty(BearerToken)) message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BearerToken);
        else if (!string.IsNullOrEmpty(ApiKey)) message.Headers.Add("X-Api-Key", ApiKey);
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        Enum e => e.ToString(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static async Task<ApiException> ToException(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        var retryAfter = response.Headers.RetryAfter?.Delta;
        var correlation = response.Headers.TryGetValues("X-Correlation-Id", out var ids) ? ids.FirstOrDefault() : null;
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        try
        {
            var problem = JsonSerializer.Deserialize<ProblemBody>(text, JsonOptions);
            if (problem?.Title is not null)
                return new ApiException(status, problem.Type, problem.Title, problem.Detail, problem.Errors,
                    problem.CorrelationId ?? correlation, retryAfter);
        }
        catch (JsonException)
        {
            // not a problem document; fall through
        }

        return new ApiException(status, null, response.ReasonPhrase ?? "HTTP error",
            text.Length > 500 ? text[..500] : text, null, correlation, retryAfter);
    }

    private static Task Backoff(int attempt, CancellationToken ct) =>
        Task.Delay(TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt)), ct);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }

    private sealed class ProblemBody
    {
        public string? Type { get; set; }
        public string? Title { get; set; }
        public string? Detail { get; set; }
        public Dictionary<string, string[]>? Errors { get; set; }
        public string? CorrelationId { get; set; }
    }
}
