using System.Text;
using System.Text.Json.Serialization.Metadata;
using IpfsKit.Errors;
using IpfsKit.Http.Internal;

namespace IpfsKit.Transports.KuboRpc.Internal;

/// <summary>
/// Sends <c>POST /api/v0/&lt;command&gt;?arg=…</c> requests and maps every failure to an IpfsKit exception: Kubo's error
/// JSON, a body that is not, an unreachable node, a connection that breaks mid-answer. A cancellation by the caller's
/// token is rethrown as it is. Thread-safe, like the <see cref="HttpClient"/> it uses (which it does not own).
/// </summary>
internal sealed class KuboRpcClient(HttpClient http)
{
    private readonly RemoteHttp _remote = new(http, KuboErrorParser.Instance, "IpfsKit:Endpoint");

    /// <summary>Builds <c>api/v0/&lt;command&gt;?k=v&amp;…</c>; null values are left out, values are URL-encoded.</summary>
    internal static string Path(string command, params ReadOnlySpan<(string Key, string? Value)> query)
    {
        var path = new StringBuilder("api/v0/").Append(command);
        var separator = '?';
        foreach (var (key, value) in query)
        {
            if (value is not null)
            {
                path.Append(separator).Append(key).Append('=').Append(Uri.EscapeDataString(value));
                separator = '&';
            }
        }

        return path.ToString();
    }

    /// <summary>The endpoint as errors name it: <c>POST /api/v0/&lt;command&gt;</c> (no query: arguments stay out of logs).</summary>
    internal static string Endpoint(string path)
    {
        var query = path.IndexOf('?', StringComparison.Ordinal);
        return "POST /" + (query < 0 ? path : path[..query]);
    }

    /// <summary>An error answer of a call made elsewhere with the same client, named by its method and path (no query).</summary>
    internal Task<IpfsKitRemoteException> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        _remote.ErrorAsync(
            response.RequestMessage is { RequestUri: { } uri } request ? $"{request.Method} {(uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0])}" : "Kubo RPC",
            response,
            cancellationToken);

    /// <summary>Sends the request; returns the successful answer's body, streaming (headers read, body not yet).</summary>
    internal async Task<RemoteResponseStream> SendAsync(string path, HttpContent? content, CancellationToken cancellationToken)
    {
        var endpoint = Endpoint(path);

        // The request is not disposed here: with ResponseHeadersRead the upload may still be running; disposing
        // the response ends it.
#pragma warning disable CA2000 // Ownership passes to the response stream.
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        var response = await _remote.SendAsync(request, endpoint, cancellationToken).ConfigureAwait(false);
#pragma warning restore CA2000
        return await _remote.OpenBodyAsync(response, endpoint, KuboErrorParser.FromTrailer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends the request and deserializes the whole answer as one JSON value.</summary>
    internal async Task<T> PostJsonAsync<T>(string path, JsonTypeInfo<T> typeInfo, HttpContent? content, CancellationToken cancellationToken)
    {
        var body = await SendAsync(path, content, cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            await foreach (var value in NdjsonReader.ReadAsync(body, typeInfo, cancellationToken).ConfigureAwait(false))
            {
                // Some commands answer NDJSON even for one value; the first is the answer.
                return value;
            }

            throw RemoteErrors.Malformed(body.Endpoint, body.StatusCode, "an empty body");
        }
    }

    /// <summary>Sends the request and reads the whole answer, discarding it (commands whose answer is only success).</summary>
    internal async Task PostAsync(string path, CancellationToken cancellationToken)
    {
        var body = await SendAsync(path, null, cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            // Read to the end so a stream error (error line or trailer) still surfaces.
            await foreach (var _ in NdjsonReader.ReadAsync(body, KuboJsonContext.Default.KuboError, cancellationToken).ConfigureAwait(false))
            {
            }
        }
    }

    /// <summary>Sends the request and yields each NDJSON line as it arrives.</summary>
    internal async IAsyncEnumerable<T> PostLinesAsync<T>(string path, JsonTypeInfo<T> typeInfo, HttpContent? content, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var body = await SendAsync(path, content, cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            await foreach (var value in NdjsonReader.ReadAsync(body, typeInfo, cancellationToken).ConfigureAwait(false))
            {
                yield return value;
            }
        }
    }
}
