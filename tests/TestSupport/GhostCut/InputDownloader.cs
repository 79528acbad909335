using Vtis.GhostCut;

namespace Vtis.TestSupport;

/// <summary>Fetches a work's input over HTTP, failing the way GhostCut does (codes 2, 3 and 100).</summary>
internal sealed class InputDownloader(HttpClient http, GhostCutSimulatorOptions options)
{
    /// <returns><see langword="null"/> when the file was saved, otherwise the failure to end the work with.</returns>
    public async Task<WorkOutcome?> DownloadAsync(string url, string path, CancellationToken ct)
    {
        if (!HttpUrl.TryParse(url, out var uri))
        {
            return WorkOutcome.Failed(GhostCutFailures.UrlUnresolved, $"The URL could not be resolved: {url}");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.HttpTimeout);
        try
        {
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return WorkOutcome.Failed(GhostCutFailures.DownloadFailed, $"Download answered HTTP {(int)response.StatusCode}.");
            }

            if (response.Content.Headers.ContentLength > options.MaxInputBytes)
            {
                return TooLarge();
            }

            await using var source = await response.Content.ReadAsStreamAsync(timeout.Token);
            await using var target = File.Create(path);
            return await CopyAsync(source, target, timeout.Token) ? null : TooLarge();
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.NameResolutionError)
        {
            return WorkOutcome.Failed(GhostCutFailures.UrlUnresolved, e.Message);
        }
        catch (HttpRequestException e)
        {
            return WorkOutcome.Failed(GhostCutFailures.DownloadFailed, e.Message);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return WorkOutcome.Failed(GhostCutFailures.DownloadFailed, "The download timed out.");
        }
    }

    /// <returns><see langword="false"/> when the input grew past the size limit (Content-Length can be absent).</returns>
    private async Task<bool> CopyAsync(Stream source, Stream target, CancellationToken ct)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
            if (total > options.MaxInputBytes)
            {
                return false;
            }

            await target.WriteAsync(buffer.AsMemory(0, read), ct);
        }

        return true;
    }

    private WorkOutcome TooLarge() =>
        WorkOutcome.Failed(GhostCutFailures.FileTooLarge, $"The file is larger than {options.MaxInputBytes} bytes.");
}
