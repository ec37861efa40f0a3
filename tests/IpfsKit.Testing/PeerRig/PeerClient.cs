using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace IpfsKit.Testing.PeerRig;

/// <summary>
/// A small test-side client for the Kubo RPC API of a real peer (js-ipfs or Kubo): just what the interop tests need.
/// The product's own streaming Kubo RPC client is a later issue. CID strings are returned as the peer gives them
/// (js-ipfs answers CIDv1 in base58btc unless <c>cid-base=base32</c> is passed): compare them as <c>Cid</c> values.
/// A non-2xx answer throws <see cref="HttpRequestException"/> with the status and the peer's <c>Message</c>.
/// </summary>
public sealed class PeerClient(Uri apiBase) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = apiBase, Timeout = TimeSpan.FromMinutes(10) };

    public Uri ApiBase { get; } = apiBase;

    /// <summary>Adds one file (the content stream is read to its end and disposed); returns the root entry.</summary>
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
            var part = new ByteArrayContent(entry.Content ?? []);
            part.Headers.ContentType = new MediaTypeHeaderValue(entry.Content is null ? "application/x-directory" : "application/octet-stream");
            form.Add(Named(part, escaped));
        }

        return await PostAddAsync(form, query, cancellationToken);
    }

    public Task<byte[]> CatAsync(string cid, CancellationToken cancellationToken = default) =>
        PostBytesAsync($"api/v0/cat?arg={Uri.EscapeDataString(cid)}", cancellationToken);

    public Task<byte[]> BlockGetAsync(string cid, CancellationToken cancellationToken = default) =>
        PostBytesAsync($"api/v0/block/get?arg={Uri.EscapeDataString(cid)}", cancellationToken);

    /// <summary>Stores a block (<paramref name="format"/> <c>dag-pb</c> or <c>raw</c>, sha2-256); returns the CID the peer computed.</summary>
    public async Task<string> BlockPutAsync(byte[] data, string format, int cidVersion, CancellationToken cancellationToken = default)
    {
        var part = new ByteArrayContent(data);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var form = new MultipartFormDataContent { { part, "file", "block" } };

        // js-ipfs reads format/version, Kubo cid-codec (format is deprecated there) and cid-version via version.
        var f = Uri.EscapeDataString(format);
        using var json = await PostJsonAsync($"api/v0/block/put?format={f}&cid-codec={f}&version={cidVersion}&cid-version={cidVersion}&mhtype=sha2-256", form, cancellationToken);
        return json.RootElement.GetProperty("Key").GetString()!;
    }

    /// <summary>
    /// Imports a CAR v1 (its roots are pinned); returns the root CIDs the peer reports, one per root.
    /// js-ipfs 0.66 answers NDJSON <c>{"Root":{"Cid":{"/":"…"},"PinErrorMsg":""}}</c>; with <c>pin-roots=false</c> it never
    /// answers at all, so this method does not offer that switch.
    /// </summary>
    public async Task<IReadOnlyList<string>> DagImportAsync(Stream car, CancellationToken cancellationToken = default)
    {
        using var form = new MultipartFormDataContent();
        var part = new StreamContent(car);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(part, "file", "import.car");
        var roots = new List<string>();
        await foreach (var line in PostLinesAsync("api/v0/dag/import", form, cancellationToken))
        {
            var root = line.GetProperty("Root");
            if (root.TryGetProperty("PinErrorMsg", out var error) && error.GetString() is { Length: > 0 } message)
            {
                throw new HttpRequestException($"{ApiBase}api/v0/dag/import could not pin a root: {message}");
            }

            var cid = root.GetProperty("Cid");
            roots.Add(cid.ValueKind == JsonValueKind.Object ? cid.GetProperty("/").GetString()! : cid.GetString()!);
        }

        return roots;
    }

    /// <summary>Returns the peer ID.</summary>
    public async Task<string> IdAsync(CancellationToken cancellationToken = default)
    {
        using var json = await PostJsonAsync("api/v0/id", null, cancellationToken);
        return json.RootElement.GetProperty("ID").GetString()!;
    }

    /// <summary>Returns pinned CIDs (as the peer spells them) and their pin type; <paramref name="cid"/> narrows to one.</summary>
    public async Task<IReadOnlyDictionary<string, string>> PinLsAsync(string? cid = null, CancellationToken cancellationToken = default)
    {
        var path = cid is null ? "api/v0/pin/ls" : $"api/v0/pin/ls?arg={Uri.EscapeDataString(cid)}";
        var pins = new Dictionary<string, string>();
        await foreach (var line in PostLinesAsync(path, null, cancellationToken))
        {
            if (line.TryGetProperty("Keys", out var keys))
            {
                // Kubo answers one object with every key; js-ipfs streams lines.
                foreach (var key in keys.EnumerateObject())
                {
                    pins[key.Name] = key.Value.GetProperty("Type").GetString()!;
                }
            }
            else if (line.TryGetProperty("Cid", out var one))
            {
                pins[one.GetString()!] = line.GetProperty("Type").GetString()!;
            }
        }

        return pins;
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
        var path = new StringBuilder("api/v0/add?progress=false");
        foreach (var (key, value) in query ?? new Dictionary<string, string>())
        {
            path.Append('&').Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
        }

        var results = new List<PeerAddResult>();
        await foreach (var e in PostLinesAsync(path.ToString(), form, cancellationToken))
        {
            if (e.TryGetProperty("Hash", out var hash))
            {
                var size = e.TryGetProperty("Size", out var s) ? (s.ValueKind == JsonValueKind.Number ? s.GetRawText() : s.GetString()!) : "0";
                results.Add(new PeerAddResult(e.GetProperty("Name").GetString()!, hash.GetString()!, size));
            }
        }

        return results.Count > 0 ? results : throw new HttpRequestException($"{ApiBase}api/v0/add answered no entries.");
    }

    /// <summary>Streams an NDJSON answer line by line (each element is a clone, valid after the next line).</summary>
    private async IAsyncEnumerable<JsonElement> PostLinesAsync(string path, HttpContent? content, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var response = await SendAsync(path, content, cancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken), Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length > 0)
            {
                using var json = JsonDocument.Parse(line);
                var element = json.RootElement;
                if (element.TryGetProperty("Type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "error")
                {
                    throw new HttpRequestException($"{ApiBase}{path} failed while answering: {element.GetProperty("Message").GetString()}");
                }

                yield return element.Clone();
            }
        }
    }

    private async Task<byte[]> PostBytesAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(path, null, cancellationToken);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    private async Task<JsonDocument> PostJsonAsync(string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(path, content, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(string path, HttpContent? content, CancellationToken cancellationToken)
    {
        // Not disposed here: with ResponseHeadersRead the upload may still be running (the caller owns the content).
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"{ApiBase}{path} answered {(int)response.StatusCode} {response.StatusCode}: {RemoteMessage(body)}", null, response.StatusCode);
        }
    }

    /// <summary>The <c>Message</c> of a Kubo RPC error body (<c>{"Message","Code","Type"}</c>), else the body.</summary>
    private static string RemoteMessage(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("Message", out var message))
            {
                return message.GetString() ?? body;
            }
        }
        catch (JsonException)
        {
        }

        return body;
    }
}
