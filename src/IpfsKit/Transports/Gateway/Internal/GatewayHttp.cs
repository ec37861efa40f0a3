using System.Net;
using System.Net.Http.Headers;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Http.Internal;

namespace IpfsKit.Transports.Gateway.Internal;

/// <summary>
/// The HTTP side of the trustless gateway protocol (https://specs.ipfs.tech/http-gateways/trustless-gateway/):
/// <c>GET /ipfs/{cid}?format=raw|car</c> with the matching <c>Accept</c> media type, through the remote-HTTP core
/// (<see cref="RemoteHttp"/>; a gateway's error bodies are text).
/// </summary>
/// <param name="http">The client; its base address is the gateway root.</param>
internal sealed class GatewayHttp(HttpClient http)
{
    /// <summary>The media type of one block (trustless gateway spec, "Response Types").</summary>
    public const string RawMediaType = "application/vnd.ipld.raw";

    /// <summary>The media type of a CAR stream (trustless gateway spec, "Response Types").</summary>
    public const string CarMediaType = "application/vnd.ipld.car";

    private readonly RemoteHttp _remote = new(http, TextErrorParser.Instance, null);

    /// <summary>The endpoint text used in errors: <c>GET {root}ipfs/{cid}?format=…</c>.</summary>
    public string Endpoint(Cid cid, string format) => $"GET {http.BaseAddress}ipfs/{cid}?format={format}";

    /// <summary>Sends <c>GET ipfs/{cid}?format=…</c> and waits for the headers only; a 404 is returned, any other error thrown.</summary>
    public async Task<HttpResponseMessage> GetAsync(Cid cid, string format, string mediaType, CancellationToken cancellationToken)
    {
        // Relative to BaseAddress (the gateway root), so a root with a path prefix ending in '/' keeps it.
        using var request = new HttpRequestMessage(HttpMethod.Get, $"ipfs/{cid}?format={format}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
        return await _remote.SendAsync(request, Endpoint(cid, format), cancellationToken, status => status == HttpStatusCode.NotFound).ConfigureAwait(false);
    }

    /// <summary>The body of a 2xx answer (a CAR stream): a connection that breaks mid-body is reported as unreachable.</summary>
    public Task<RemoteResponseStream> OpenBodyAsync(HttpResponseMessage response, string endpoint, CancellationToken cancellationToken) =>
        _remote.OpenBodyAsync(response, endpoint, trailer: null, cancellationToken);

    /// <summary>Reads a block's body of at most <paramref name="maxLength"/> bytes, never buffering more (a longer one is refused while read).</summary>
    public async Task<byte[]> ReadBlockAsync(HttpResponseMessage response, int maxLength, string endpoint, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength is { } declared && declared > maxLength)
        {
            throw TooLarge(endpoint, response.StatusCode, $"{declared} bytes, more", maxLength);
        }

        try
        {
            var (data, truncated) = await RemoteBody.ReadAtMostAsync(response.Content, maxLength, cancellationToken).ConfigureAwait(false);
            return truncated ? throw TooLarge(endpoint, response.StatusCode, "more bytes", maxLength) : data;
        }
        catch (Exception e) when (RemoteErrors.IsUnreachable(e, cancellationToken))
        {
            throw _remote.Unreachable(endpoint, e);
        }
    }

    private static IpfsKitRemoteException TooLarge(string endpoint, HttpStatusCode status, string size, int maxLength) =>
        RemoteErrors.TooLarge(endpoint, status, $"the gateway sent {size} than the maximum block size of {maxLength} bytes", "block-too-large");
}
