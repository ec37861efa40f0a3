using System.Buffers;
using System.IO.Pipelines;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using IpfsKit.Errors;
using IpfsKit.Http.Internal;

namespace IpfsKit.IpfsCluster.Internal;

/// <summary>
/// Requests to the IPFS Cluster REST API and its answers, as ipfs-cluster <c>api/common/api.go</c> writes them:
/// <c>SendResponse</c> (one JSON value, 204 when empty, errors as <c>{"code","message"}</c>) and <c>StreamResponse</c>
/// (NDJSON, 204 when empty, a failure after the first item in the <c>X-Stream-Error</c> trailer).
/// </summary>
internal sealed class IpfsClusterHttp(HttpClient http, AuthenticationHeaderValue? authorization)
{
    private const string StreamErrorHeader = "X-Stream-Error";
    private readonly RemoteHttp _remote = new(http, IpfsClusterErrorParser.Instance, null);

    public async Task<T> SendJsonAsync<T>(HttpMethod method, string path, JsonTypeInfo<T> info, CancellationToken cancellationToken)
    {
        using var request = Create(method, path, null);
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await _remote.ReadJsonAsync(response, info, Endpoint(request), cancellationToken).ConfigureAwait(false);
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
            var first = await PeekFirstByteAsync(pipe, request, cancellationToken).ConfigureAwait(false);
            if (first is not null)
            {
                var items = JsonSerializer.DeserializeAsyncEnumerable(pipe, info, topLevelValues: first != (byte)'[', cancellationToken);
                var e = items.GetAsyncEnumerator(cancellationToken);
                await using (e.ConfigureAwait(false))
                {
                    while (await MoveNextAsync(e, request, response, cancellationToken).ConfigureAwait(false))
                    {
                        yield return e.Current ?? throw RemoteErrors.Malformed(Endpoint(request), response.StatusCode, "the answer holds a JSON null");
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

    private async ValueTask<bool> MoveNextAsync<T>(IAsyncEnumerator<T> e, HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await e.MoveNextAsync().ConfigureAwait(false);
        }
        catch (JsonException x)
        {
            // A stream cut short by a server failure may also carry the reason in the trailer.
            ThrowIfStreamError(request, response);
            throw RemoteErrors.Malformed(Endpoint(request), response.StatusCode, $"the answer is not the expected JSON: {x.Message}", x);
        }
        catch (Exception x) when (RemoteErrors.IsUnreachable(x, cancellationToken))
        {
            // The connection broke mid-answer.
            throw _remote.Unreachable(Endpoint(request), x);
        }
    }

    /// <summary>The first non-whitespace byte, left unconsumed; null for an empty body.</summary>
    private async ValueTask<byte?> PeekFirstByteAsync(PipeReader pipe, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        while (true)
        {
            ReadResult result;
            try
            {
                result = await pipe.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (RemoteErrors.IsUnreachable(e, cancellationToken))
            {
                throw _remote.Unreachable(Endpoint(request), e);
            }

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
            throw RemoteErrors.Answer(Endpoint(request), response.StatusCode, new RemoteError(message, StreamErrorHeader, RemoteErrorCode.Unknown));
        }
    }

    private HttpRequestMessage Create(HttpMethod method, string path, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = authorization;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    /// <summary>The call as errors name it; once sent, the request's URI is already absolute (HttpClient resolved it).</summary>
    private string Endpoint(HttpRequestMessage request) => request.RequestUri is { IsAbsoluteUri: true } sent
        ? $"{request.Method} {sent}"
        : $"{request.Method} {http.BaseAddress}{request.RequestUri}";

    private Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _remote.SendAsync(request, Endpoint(request), cancellationToken);
}
