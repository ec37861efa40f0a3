using System.Net;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Transports.Gateway.Internal;

namespace IpfsKit.Transports.Gateway;

/// <summary>
/// Reads blocks from a trustless HTTP gateway (https://specs.ipfs.tech/http-gateways/trustless-gateway/) with
/// <c>GET /ipfs/{cid}?format=raw</c> and <c>Accept: application/vnd.ipld.raw</c>, and verifies every block against
/// its CID: the gateway is not trusted.
/// </summary>
/// <remarks>
/// <para>
/// The <see cref="HttpClient"/>'s <see cref="HttpClient.BaseAddress"/> is the gateway root (for example
/// <c>http://127.0.0.1:8080/</c>; end a root with a path in <c>/</c>). Resilience (timeouts, retries) belongs to the
/// client's handler pipeline: the <c>IpfsKit.Gateway</c> client that <c>UseGateway</c> registers already has IpfsKit's
/// (<c>IpfsKit:Resilience</c>); a client made by hand brings its own.
/// </para>
/// <para>Thread-safe.</para>
/// </remarks>
public sealed class GatewayBlockSource : IBlockSource
{
    /// <summary>The default largest block accepted: 2 MiB, the block size limit of the IPFS network (bitswap).</summary>
    public const int DefaultMaxBlockSize = 2 * 1024 * 1024;

    private readonly GatewayHttp _http;

    /// <summary>Creates a block source that accepts blocks of up to <see cref="DefaultMaxBlockSize"/> bytes.</summary>
    /// <param name="httpClient">The client; its <see cref="HttpClient.BaseAddress"/> is the gateway root. Not disposed by the source.</param>
    public GatewayBlockSource(HttpClient httpClient)
        : this(httpClient, DefaultMaxBlockSize)
    {
    }

    /// <summary>Creates a block source.</summary>
    /// <param name="httpClient">The client; its <see cref="HttpClient.BaseAddress"/> is the gateway root. Not disposed by the source.</param>
    /// <param name="maxBlockSize">The largest block accepted, in bytes; a longer answer is refused while it is read.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxBlockSize"/> is not positive.</exception>
    public GatewayBlockSource(HttpClient httpClient, int maxBlockSize)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBlockSize);
        _http = new GatewayHttp(httpClient);
        MaxBlockSize = maxBlockSize;
    }

    /// <summary>Gets the largest block accepted, in bytes.</summary>
    /// <value>The default value is <see cref="DefaultMaxBlockSize"/> (2 MiB).</value>
    public int MaxBlockSize { get; }

    /// <summary>Gets a block from the gateway and verifies it.</summary>
    /// <param name="cid">The block's CID.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The block, or <see langword="null"/> when the gateway answers 404 Not Found.</returns>
    /// <exception cref="ArgumentException"><paramref name="cid"/> is <c>default(Cid)</c>.</exception>
    /// <exception cref="IpfsKitIntegrityException">The bytes the gateway sent do not hash to <paramref name="cid"/>.</exception>
    /// <exception cref="IpfsKitRemoteException">
    /// The gateway answered another error, sent more than <see cref="MaxBlockSize"/> bytes, or could not be reached.
    /// </exception>
    public async ValueTask<Block?> GetAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        if (cid.IsEmpty)
        {
            throw new ArgumentException("The CID is empty (default(Cid)).", nameof(cid));
        }

        var endpoint = _http.Endpoint(cid, "raw");
        using var response = await _http.GetAsync(cid, "raw", GatewayHttp.RawMediaType, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        var data = await _http.ReadBlockAsync(response, MaxBlockSize, endpoint, cancellationToken).ConfigureAwait(false);
        return Block.CreateVerified(cid, data);
    }
}
