using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace IpfsKit.Tests.Interop.PeerRig;

/// <summary>
/// A small test-side client for the Kubo RPC API of a real peer (js-ipfs or Kubo): just what the interop tests need.
/// The product's own streaming Kubo RPC client is a later issue.
/// </summary>
public sealed class PeerClient(Uri apiBase) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = apiBase, Timeout = TimeSpan.FromMinutes(5) };

    public Uri ApiBase { get; } = apiBase;

    public async Task<PeerAddResult> AddAsync(Stream content, string fileName, IReadOnlyDictionary<string, string>? query = null, CancellationToken cancellationToken = default)
    {
        using var form = new MultipartFormDataContent();
        var part = new StreamContent(content);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(Named(part, Uri.EscapeDataString(fileName)));
        var results = await PostAddAsync(form, query, cancellationToken);
        return results[^1];
    }

    /// <summary>Adds a tree; directories must come before their contents. Returns every NDJSON entry, the root last.</summary>
    public async Task<IReadOnlyList<PeerAddResult>> AddDirectoryAsync(IReadOnlyList<PeerAddEntry> entries, IReadOnlyDictionary<string, string>? query = null, CancellationToken cancellationToken = default)
    {
        using var form = new MultipartFormDataContent();
        foreach (var entry in entries)
        {
            var escaped = string.Join('/', entry.Path.Split('/').Select(Uri.EscapeDataString));
            var part = entry.Content is null ? new ByteArrayContent([]) : new ByteArrayContent(entry.Content);
            part.Headers.ContentType = new MediaTypeHeaderValue(entry.Content is null ? "application/x-directory" : "application/octet-stream");
            form.Add(Named(part, escaped));
        }

        return await PostAddAsync(form, query, cancellationToken);
    }

    public async Task<byte[]> CatAsync(string cid, CancellationToken cancellationToken = default) =>
        await PostBytesAsync($"api/v0/cat?arg={Uri.EscapeDataString(cid)}", null, cancellationToken);

    public async Task<byte[]> BlockGetAsync(string cid, CancellationToken cancellationToken = default) =>
        await PostBytesAsync($"api/v0/block/get?arg={Uri.EscapeDataString(cid)}", null, cancellationToken);

    /// <summary>Stores a block; returns the CID string the peer computed.</summary>
    public async Task<string> BlockPutAsync(byte[] data, string format, int cidVersion, CancellationToken cancellationToken = default)
    {
        var part = new ByteArrayContent(data);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var form = new MultipartFormDataContent { { part, "file", "block" } };
        var json = await PostJsonAsync($"api/v0/block/put?format={format}&cid-codec={format}&version={cidVersion}&cid-version={cidVersion}&mhtype=sha2-256", form, cancellationToken);
        return json.RootElement.GetProperty("Key").GetString()!;
    }

    /// <summary>Imports a CAR; returns the root CIDs the peer reports (pinned).</summary>
    public async Task<IReadOnlyList<string>> DagImportAsync(Stream car, CancellationToken cancellationToken = default)
    {
        using var form = new MultipartFormDataContent();
        var part = new StreamContent(car);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(part, "file", "import.car");
        using var response = await SendAsync("api/v0/dag/import", form, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var roots = new List<string>();
        foreach (var line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var json = JsonDocument.Parse(line);
            if (json.RootElement.TryGetProperty("Root", out var root) && root.TryGetProperty("Cid", out var cid))
            {
                roots.Add(cid.TryGetProperty("/", out var slash) ? slash.GetString()! : cid.GetString()!);
            }
        }

        return roots;
    }

    public async Task<string> IdAsync(CancellationToken cancellationToken = default)
    {
        using var json = await PostJsonAsync("api/v0/id", null, cancellationToken);
        return json.RootElement.GetProperty("ID").GetString()!;
    }

    public void Dispose() => _http.Dispose();

    /// <summary>A plain <c>Content-Disposition: form-data; name="file"; filename="…"</c> (js-ipfs misreads .NET's extra <c>filename*</c>).</summary>
    private static HttpContent Named(HttpContent part, string escapedFileName)
    {
        part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileName = "\"" + escapedFileName + "\"" };
        return part;
    }

    private async Task<IReadOnlyList<PeerAddResult>> PostAddAsync(MultipartFormDataContent form, IReadOnlyDictionary<string, string>? query, CancellationToken cancellationToken)
    {
        var q = new StringBuilder("api/v0/add?progress=false");
        foreach (var (key, value) in query ?? new Dictionary<string, string>())
        {
            q.Append('&').Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
        }

        using var response = await SendAsync(q.ToString(), form, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var results = new List<PeerAddResult>();
        foreach (var line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var json = JsonDocument.Parse(line);
            var e = json.RootElement;
            if (e.TryGetProperty("Hash", out var hash))
            {
                var size = e.TryGetProperty("Size", out var s) ? (s.ValueKind == JsonValueKind.Number ? s.GetRawText() : s.GetString()!) : "0";
                results.Add(new PeerAddResult(e.GetProperty("Name").GetString()!, hash.GetString()!, size));
            }
        }

        return results.Count > 0 ? results : throw new InvalidOperationException($"The peer's add answered no entries: {body}");
    }

    private async Task<byte[]> PostBytesAsync(string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(path, content, cancellationToken);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    private async Task<JsonDocument> PostJsonAsync(string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(path, content, cancellationToken);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
    }

    private async Task<HttpResponseMessage> SendAsync(string path, HttpContent? content, CancellationToken cancellationToken)
    {
        var response = await _http.PostAsync(path, content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            response.Dispose();
            throw new HttpRequestException($"{ApiBase}{path} answered {(int)response.StatusCode}: {body}");
        }

        return response;
    }
}
