using System.Net;
using System.Runtime.CompilerServices;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.Car;
using IpfsKit.Content.DagPb;
using IpfsKit.Content.UnixFs.Reading;
using IpfsKit.Errors;
using IpfsKit.Http.Internal;
using IpfsKit.Transports.Gateway.Internal;
using IpfsKit.Transports.Internal;

namespace IpfsKit.Transports.Gateway;

/// <summary>
/// A read-only <see cref="IIpfsTransport"/> over a trustless HTTP gateway
/// (https://specs.ipfs.tech/http-gateways/trustless-gateway/): cat and ls walk the DAG block by block with
/// <see cref="UnixFsReader"/> over a <see cref="GatewayBlockSource"/>, so every byte returned has been verified against
/// its CID; <see cref="GetCarAsync"/> fetches a whole DAG as a CAR, also verified block by block.
/// </summary>
/// <remarks>
/// Capabilities: <see cref="TransportCapabilities.Read"/> and <see cref="TransportCapabilities.BlockRead"/>; every other
/// operation throws <see cref="IpfsKitNotSupportedException"/>. A block the gateway does not have (404) surfaces as
/// <see cref="IpfsKitBlockNotFoundException"/>, a block that does not match its CID as
/// <see cref="IpfsKitIntegrityException"/>, other gateway errors as <see cref="IpfsKitRemoteException"/>. Thread-safe.
/// </remarks>
public sealed class GatewayTransport : IIpfsTransport
{
    private const string TransportName = "gateway";
    private readonly GatewayHttp _http;
    private readonly UnixFsReader _reader;

    /// <summary>Creates the transport, accepting blocks of up to <see cref="GatewayBlockSource.DefaultMaxBlockSize"/> bytes.</summary>
    /// <param name="httpClient">The client; its <see cref="HttpClient.BaseAddress"/> is the gateway root. Not disposed by the transport.</param>
    public GatewayTransport(HttpClient httpClient)
        : this(httpClient, GatewayBlockSource.DefaultMaxBlockSize)
    {
    }

    /// <summary>Creates the transport.</summary>
    /// <param name="httpClient">The client; its <see cref="HttpClient.BaseAddress"/> is the gateway root. Not disposed by the transport.</param>
    /// <param name="maxBlockSize">The largest block accepted, in bytes (also the CAR section limit).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxBlockSize"/> is not positive.</exception>
    public GatewayTransport(HttpClient httpClient, int maxBlockSize)
    {
        _http = new GatewayHttp(httpClient ?? throw new ArgumentNullException(nameof(httpClient)));
        BlockSource = new GatewayBlockSource(httpClient, maxBlockSize);
        _reader = new UnixFsReader(BlockSource);
    }

    /// <summary>Gets the verified block source the transport reads through.</summary>
    public GatewayBlockSource BlockSource { get; }

    /// <inheritdoc/>
    public string Name => TransportName;

    /// <inheritdoc/>
    public TransportCapabilities Capabilities => TransportCapabilities.Read | TransportCapabilities.BlockRead;

    /// <inheritdoc/>
    public async Task<Stream> CatAsync(Cid cid, ByteRange? range = null, CancellationToken cancellationToken = default)
    {
        return await UnixFsCat.OpenAsync(_reader, cid, range, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<LinkEntry> ListAsync(Cid cid, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var info = await _reader.StatAsync(cid, cancellationToken).ConfigureAwait(false);
        if (info.IsFile)
        {
            // A file lists its chunks, nameless, as `ipfs ls` does; a raw block has none.
            if (cid.Codec == Multicodec.DagPb)
            {
                var root = await BlockSource.GetRequiredAsync(cid, cancellationToken).ConfigureAwait(false);
                foreach (var link in DagPbCodec.Decode(root.Data).Links)
                {
                    yield return new LinkEntry(link.Name ?? string.Empty, link.Hash, link.Tsize, LinkKind.File);
                }
            }

            yield break;
        }

        await foreach (var entry in _reader.ListAsync(cid, cancellationToken).ConfigureAwait(false))
        {
            yield return new LinkEntry(entry.Name, entry.Cid, entry.Tsize, LinkKind.Unknown);
        }
    }

    /// <inheritdoc/>
    public async Task<Block> GetBlockAsync(Cid cid, CancellationToken cancellationToken = default) =>
        await BlockSource.GetRequiredAsync(cid, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    /// <remarks>A trustless gateway has no size-only answer that can be verified, so the block is fetched and verified.</remarks>
    public async Task<BlockStat> StatBlockAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        var block = await BlockSource.GetRequiredAsync(cid, cancellationToken).ConfigureAwait(false);
        return new BlockStat(cid, block.Size);
    }

    /// <summary>
    /// Fetches a DAG as a CAR (<c>GET /ipfs/{cid}?format=car</c>, <c>Accept: application/vnd.ipld.car</c>) and returns its
    /// blocks as they arrive, each verified against its CID.
    /// </summary>
    /// <param name="cid">The DAG's root.</param>
    /// <param name="cancellationToken">Cancels the request and the read.</param>
    /// <returns>The blocks, in the order the gateway sent them (blocks before a failure have been returned).</returns>
    /// <exception cref="IpfsKitBlockNotFoundException">The gateway answered 404 Not Found.</exception>
    /// <exception cref="IpfsKitIntegrityException">A block does not hash to its CID.</exception>
    /// <exception cref="IpfsKitFormatException">The answer is not a valid CAR, or a block is larger than the maximum block size.</exception>
    /// <exception cref="IpfsKitRemoteException">The gateway answered another error, the CAR does not name <paramref name="cid"/> as a root, or the gateway could not be reached.</exception>
    public async IAsyncEnumerable<Block> GetCarAsync(Cid cid, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (cid.IsEmpty)
        {
            throw new ArgumentException("The CID is empty (default(Cid)).", nameof(cid));
        }

        var endpoint = _http.Endpoint(cid, "car");
        using var response = await _http.GetAsync(cid, "car", GatewayHttp.CarMediaType, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new IpfsKitBlockNotFoundException(cid);
        }

        var body = await _http.OpenBodyAsync(response, endpoint, cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var options = new CarReaderOptions { MaxBlockSize = BlockSource.MaxBlockSize, VerifyBlocks = true };
            var car = await CarReader.OpenAsync(body, options, cancellationToken).ConfigureAwait(false);
            await using (car.ConfigureAwait(false))
            {
                if (!car.Roots.Contains(cid))
                {
                    throw RemoteErrors.Malformed(endpoint, response.StatusCode, $"the CAR's roots ({string.Join(", ", car.Roots)}) do not include {cid}");
                }

                await foreach (var block in car.ReadBlocksAsync(cancellationToken).ConfigureAwait(false))
                {
                    yield return block;
                }
            }
        }
    }

    /// <inheritdoc/>
    public Task<AddResult> AddAsync(Stream content, AddOptions? options = null, IProgress<AddProgress>? progress = null, CancellationToken cancellationToken = default) =>
        throw NotSupported("add");

    /// <inheritdoc/>
    public Task PutBlockAsync(Block block, CancellationToken cancellationToken = default) => throw NotSupported("block put");

    /// <inheritdoc/>
    public Task PinAsync(Cid cid, PinMode mode = PinMode.Recursive, CancellationToken cancellationToken = default) => throw NotSupported("pin add");

    /// <inheritdoc/>
    public Task UnpinAsync(Cid cid, PinMode mode = PinMode.Recursive, CancellationToken cancellationToken = default) => throw NotSupported("pin rm");

    /// <inheritdoc/>
    public IAsyncEnumerable<PinEntry> ListPinsAsync(PinMode? mode = null, CancellationToken cancellationToken = default) => throw NotSupported("pin ls");

    /// <inheritdoc/>
    public Task PublishAsync(string topic, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) => throw NotSupported("pubsub publish");

    /// <inheritdoc/>
    public IAsyncEnumerable<PubSubMessage> SubscribeAsync(string topic, CancellationToken cancellationToken = default) => throw NotSupported("pubsub subscribe");

    /// <inheritdoc/>
    public Task<PeerIdentity> IdentifyAsync(CancellationToken cancellationToken = default) => throw NotSupported("id");

    /// <inheritdoc/>
    public Task<RepoStat> RepoStatAsync(CancellationToken cancellationToken = default) => throw NotSupported("repo stat");

    /// <inheritdoc/>
    public IAsyncEnumerable<Cid> CollectGarbageAsync(CancellationToken cancellationToken = default) => throw NotSupported("repo gc");

    /// <inheritdoc/>
    public Task SwarmConnectAsync(string address, CancellationToken cancellationToken = default) => throw NotSupported("swarm connect");

    /// <inheritdoc/>
    public Task<IReadOnlyList<SwarmPeer>> SwarmPeersAsync(CancellationToken cancellationToken = default) => throw NotSupported("swarm peers");

    private static IpfsKitNotSupportedException NotSupported(string operation) => new(TransportName, operation);
}
