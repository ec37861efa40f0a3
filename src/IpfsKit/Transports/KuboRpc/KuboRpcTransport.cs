using System.Globalization;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Http.Internal;
using IpfsKit.Transports.KuboRpc.Internal;

namespace IpfsKit.Transports.KuboRpc;

/// <summary>
/// An <see cref="IIpfsTransport"/> over the Kubo RPC HTTP API (<c>POST /api/v0/…</c>), as served by Kubo and js-ipfs.
/// </summary>
/// <remarks>
/// <para>
/// Content streams both ways: an add uploads a chunked <c>multipart/form-data</c> body straight from the caller's stream
/// and reads the node's NDJSON progress as it arrives; a cat returns the response body as it streams.
/// </para>
/// <para>
/// Errors: a non-2xx answer throws <see cref="IpfsKitRemoteException"/> with the status and the node's
/// <c>Message</c> and <c>Type</c>; so does an error sent after HTTP 200 (an NDJSON error line or the
/// <c>X-Stream-Error</c> trailer), a node that cannot be reached (status <see langword="null"/>, the
/// <see cref="HttpRequestException"/> as inner exception) and a connection that breaks while a body streams.
/// A block or file the node does not have is reported the node's way: Kubo and js-ipfs either answer an error (thrown as
/// <see cref="IpfsKitRemoteException"/>, not <see cref="IpfsKitBlockNotFoundException"/>) or wait for the network
/// until the caller cancels. Cancelling the caller's token aborts the HTTP request and throws
/// <see cref="OperationCanceledException"/>, never wrapped.
/// </para>
/// <para>
/// The <see cref="HttpClient"/> is not owned: it is not disposed and its <see cref="HttpClient.Timeout"/> is left as
/// configured (use a resilience handler for timeouts). Thread-safe.
/// </para>
/// </remarks>
public sealed partial class KuboRpcTransport : IIpfsTransport
{
    private readonly KuboRpcClient _client;

    /// <summary>Creates the transport.</summary>
    /// <param name="httpClient">
    /// The client; its <see cref="HttpClient.BaseAddress"/> is the node's API root, for example
    /// <c>http://127.0.0.1:5001/</c>. Typically from <c>IHttpClientFactory</c>; not disposed by the transport.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="httpClient"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The client has no absolute <see cref="HttpClient.BaseAddress"/>.</exception>
    public KuboRpcTransport(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        if (httpClient.BaseAddress is not { IsAbsoluteUri: true })
        {
            throw new ArgumentException("The HttpClient needs an absolute BaseAddress: the node's API root, such as http://127.0.0.1:5001/.", nameof(httpClient));
        }

        _client = new KuboRpcClient(httpClient);
    }

    /// <summary>
    /// Reads an error answer of a Kubo RPC API (at most 64 KiB of its body) as the exception this transport throws for
    /// it: Kubo's or js-ipfs's message as <see cref="IpfsKitRemoteException.RemoteMessage"/>, with its typed
    /// <see cref="IpfsKitRemoteException.ErrorCode"/>. For calls this transport does not make, sent with the same client.
    /// </summary>
    /// <param name="response">The non-success answer; its body is read, not disposed.</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    /// <returns>The exception, to throw or inspect.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="response"/> is <see langword="null"/>.</exception>
    public Task<IpfsKitRemoteException> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        return _client.ErrorAsync(response, cancellationToken);
    }

    /// <inheritdoc/>
    /// <value>Always <c>"kubo-rpc"</c>.</value>
    public string Name => "kubo-rpc";

    /// <inheritdoc/>
    /// <value>Always <see cref="TransportCapabilities.All"/>.</value>
    public TransportCapabilities Capabilities => TransportCapabilities.All;

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(bool value) => value ? "true" : "false";

    /// <summary>Parses a CID the node sent (any multibase); one that does not parse is a malformed answer.</summary>
    private static Cid ParseCid(string text, string command)
    {
        try
        {
            return Cid.Parse(text);
        }
        catch (IpfsKitFormatException e)
        {
            throw RemoteErrors.Malformed(KuboRpcClient.Endpoint(KuboRpcClient.Path(command)), System.Net.HttpStatusCode.OK, $"'{text}' is not a CID", e);
        }
    }
}
