using System.Buffers;
using System.IO.Pipelines;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace IpfsKit.Cluster.Internal;

/// <summary>
/// Requests to the IPFS Cluster REST API and its answers, as ipfs-cluster <c>api/common/api.go</c> writes them:
/// <c>SendResponse</c> (one JSON value, 204 when empty, errors as <c>{"code","message"}</c>) and <c>StreamResponse</c>
/// (NDJSON, 204 when empty, a failure after the first item in the <c>X-Stream-Error</c> trailer).
/// </summary>
internal sealed class ClusterHttp(HttpClient http, AuthenticationHeaderValue? authorization)
{
    private const string StreamErrorHeader = "X-Stream-Error";
    private const int MaxErrorBodyLength = 16 * 1024;

    public async Task<T> SendJsonAsync<T>(HttpMethod method, string path, JsonTypeInfo<T> info, CancellationToken cancellationToken)
    {
        using var request = Create(method, path, null);
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            try
            {
                return await JsonSerializer.DeserializeAsync(body, info, cancellationToken).ConfigureAwait(false)
                    ?? throw new JsonException("the answer is JSON null");
            }
            catch (JsonException e)
            {
                throw new IpfsKitRemoteException(Endpoint(request), response.StatusCode, $"the answer is not the expected JSON: {e.Message}", null, e);
            }
        }
    }

    public async Task SendAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var request = Create(method, path, null);
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Streams the JSON values of an answer: NDJSON (Cluster 1.0+) or one JSON array (older releases, and <c>/add</c> without <c>stream-channels</c>).</summary>
    public async IAsyncEnumerable<T> StreamAsync<T>(HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> info, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = Create(method, path, content);
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var pipe = PipeReader.Create(body);
        try
        {
            var first = await PeekFirstByteAsync(pipe, cancellationToken).ConfigureAwait(false);
            if (first is not null)
            {
                var items = JsonSerializer.DeserializeAsyncEnumerable(pipe, info, topLevelValues: first != (byte)'[', cancellationToken);
                var e = items.GetAsyncEnumerator(cancellationToken);
                await using (e.ConfigureAwait(false))
                {
                    while (await MoveNextAsync(e, request, response).ConfigureAwait(false))
                    {
                        yield return e.Current ?? throw new IpfsKitRemoteException(Endpoint(request), response.StatusCode, "the answer holds a JSON null");
                    }
                }
            }
        }
        finally
        {
            await pipe.CompleteAsync().ConfigureAwait(false);
        }

        ThrowIfStreamError(request, response);
    }

    private async ValueTask<bool> MoveNextAsync<T>(IAsyncEnumerator<T> e, HttpRequestMessage request, HttpResponseMessage response)
    {
        try
        {
            return await e.MoveNextAsync().ConfigureAwait(false);
        }
        catch (JsonException x)
        {
            // A stream cut short by a server failure may also carry the reason in the trailer.
            ThrowIfStreamError(request, response);
            throw new IpfsKitRemoteException(Endpoint(request), response.StatusCode, $"the answer is not the expected JSON: {x.Message}", null, x);
        }
    }

    /// <summary>The first non-whitespace byte, left unconsumed; null for an empty body.</summary>
    private static async ValueTask<byte?> PeekFirstByteAsync(PipeReader pipe, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await pipe.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var reader = new SequenceReader<byte>(buffer);
            reader.AdvancePastAny((byte)' ', (byte)'\t', (byte)'\r', (byte)'\n');
            if (reader.TryPeek(out var first))
            {
                pipe.AdvanceTo(buffer.Start);
                return first;
            }

            pipe.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return null;
            }
        }
    }

    /// <summary>A failure after the first item: the <c>X-Stream-Error</c> trailer (or header), non-empty values only.</summary>
    private void ThrowIfStreamError(HttpRequestMessage request, HttpResponseMessage response)
    {
        IEnumerable<string> errors = [];
        if (response.TrailingHeaders.TryGetValues(StreamErrorHeader, out var trailer))
        {
            errors = errors.Concat(trailer);
        }

        if (response.Headers.TryGetValues(StreamErrorHeader, out var header))
        {
            errors = errors.Concat(header);
        }

        var message = string.Join("; ", errors.Where(e => !string.IsNullOrWhiteSpace(e)));
        if (message.Length > 0)
        {
            throw new IpfsKitRemoteException(Endpoint(request), response.StatusCode, message, StreamErrorHeader);
        }
    }

    private HttpRequestMessage Create(HttpMethod method, string path, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = authorization;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    private string Endpoint(HttpRequestMessage request) => $"{request.Method} {http.BaseAddress}{request.RequestUri}";

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new IpfsKitRemoteException(Endpoint(request), e.StatusCode, e.Message, null, e);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ErrorAsync(request, response, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The cluster's <c>{"code","message"}</c>, else the body's text (404s from the router are plain text).</summary>
    private async Task<IpfsKitRemoteException> ErrorAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            text = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, MaxErrorBodyLength)).Trim();
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            text = string.Empty;
        }

        try
        {
            if (JsonSerializer.Deserialize(text, ClusterJsonContext.Default.ClusterErrorBody) is { Message: { Length: > 0 } message } error)
            {
                return new IpfsKitRemoteException(Endpoint(request), response.StatusCode, message, error.Code.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        catch (JsonException)
        {
            // Not the cluster's error JSON.
        }

        return new IpfsKitRemoteException(Endpoint(request), response.StatusCode, text.Length > 0 ? text : response.ReasonPhrase ?? "error");
    }
}
