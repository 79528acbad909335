using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Vtis.ServiceInterface.Common;

namespace Vtis.ServiceInterface.Uploads;

/// <summary>
/// Reads a <c>multipart/form-data</c> request section by section: the file part is handed to a callback as a
/// stream straight off the socket (never buffered whole, in memory or on disk); the other fields are collected.
/// </summary>
public sealed class MultipartUpload(IHttpContextAccessor accessor)
{
    private const int MaxFieldBytes = 64 * 1024;

    public async Task<IReadOnlyDictionary<string, string>> ReadAsync(
        string fileField, Func<Stream, string, string, Task> onFile, CancellationToken ct)
    {
        var request = accessor.HttpContext?.Request ?? throw new InvalidOperationException("No current request.");
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) ||
            !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            throw new ProblemException(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Unsupported media type",
                "Send the video as multipart/form-data with the file in the field '" + fileField + "'.");
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) throw Problems.Field(fileField, "The multipart body has no boundary.");

        var reader = new MultipartReader(boundary, request.Body);
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var sawFile = false;
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            if (disposition.IsFileDisposition() && name.Equals(fileField, StringComparison.OrdinalIgnoreCase))
            {
                if (sawFile) throw Problems.Field(fileField, "Send one file per request.");
                sawFile = true;
                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                await onFile(section.Body, SafeFileName(fileName), section.ContentType ?? "application/octet-stream");
            }
            else if (!disposition.IsFileDisposition())
            {
                fields[name] = await ReadFieldAsync(section.Body, name, ct);
            }
        }

        if (!sawFile) throw Problems.Field(fileField, $"The request has no file in the field '{fileField}'.");
        return fields;
    }

    private static async Task<string> ReadFieldAsync(Stream body, string name, CancellationToken ct)
    {
        var buffer = new byte[MaxFieldBytes + 1];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await body.ReadAsync(buffer.AsMemory(read), ct)) > 0) read += n;
        if (read > MaxFieldBytes) throw Problems.Field(name, $"The field is larger than {MaxFieldBytes / 1024} KiB.");
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    /// <summary>Keeps the name's last segment and drops control characters; the name is display-only.</summary>
    public static string SafeFileName(string? name)
    {
        var last = Path.GetFileName((name ?? "").Replace('\\', '/'));
        var clean = new string(last.Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (clean.Length > 255) clean = clean[^255..];
        return clean.Length == 0 ? "video" : clean;
    }
}
