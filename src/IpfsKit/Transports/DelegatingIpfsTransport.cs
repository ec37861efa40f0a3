using IpfsKit.Blocks;
using IpfsKit.Content;

namespace IpfsKit.Transports;

/// <summary>
/// A transport that passes every call to an inner one: the base for wrappers that add logging, caching, metrics or
/// policies around any transport. Override only what the wrapper changes.
/// </summary>
/// <param name="inner">The transport calls go to.</param>
public abstract class DelegatingIpfsTransport(IIpfsTransport inner) : IIpfsTransport
{
    /// <summary>Gets the transport calls go to.</summary>
    protected IIpfsTransport Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <inheritdoc/>
    public virtual string Name => Inner.Name;

    /// <inheritdoc/>
    public virtual TransportCapabilities Capabilities => Inner.Capabilities;

    /// <inheritdoc/>
    public virtual Task<AddResult> AddAsync(Stream content, AddOptions? options = null, IProgress<AddProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Inner.AddAsync(content, options, progress, cancellationToken);

    /// <inheritdoc/>
    public virtual Task<Stream> CatAsync(Cid cid, ByteRange? range = null, CancellationToken cancellationToken = default) =>
        Inner.CatAsync(cid, range, cancellationToken);

    /// <inheritdoc/>
    public virtual IAsyncEnumerable<LinkEntry> ListAsync(Cid cid, CancellationToken cancellationToken = default) =>
        Inner.ListAsync(cid, cancellationToken);

    /// <inheritdoc/>
    public virtual Task<Block> GetBlockAsync(Cid cid, CancellationToken cancellationToken = default) =>
        Inner.GetBlockAsync(cid, cancellationToken);

    /// <inheritdoc/>
    public virtual Task PutBlockAsync(Block block, CancellationToken cancellationToken = default) =>
        Inner.PutBlockAsync(block, cancellationToken);

    /// <inheritdoc/>
    public virtual Task<BlockStat> StatBlockAsync(Cid cid, CancellationToken cancellationToken = default) =>
        Inner.StatBlockAsync(cid, cancellationToken);

    /// <inheritdoc/>
    public virtual Task PinAsync(Cid cid, PinMode mode = PinMode.Recursive, CancellationToken cancellationToken = default) =>
        Inner.PinAsync(cid, mode, cancellationToken);

    /// <inheritdoc/>
    public virtual Task UnpinAsync(Cid cid, PinMode mode = PinMode.Recursive, CancellationToken cancellationToken = default) =>
        Inner.UnpinAsync(cid, mode, cancellationToken);

    /// <inheritdoc/>
    public virtual IAsyncEnumerable<PinEntry> ListPinsAsync(PinMode? mode = null, CancellationToken cancellationToken = default) =>
        Inner.ListPinsAsync(mode, cancellationToken);

    /// <inheritdoc/>
    public virtual Task PublishAsync(string topic, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        Inner.PublishAsync(topic, data, cancellationToken);

    /// <inheritdoc/>
    public virtual IAsyncEnumerable<PubSubMessage> SubscribeAsync(string topic, CancellationToken cancellationToken = default) =>
        Inner.SubscribeAsync(topic, cancellationToken);

    /// <inheritdoc/>
    public virtual Task<PeerIdentity> IdentifyAsync(CancellationToken cancellationToken = default) =>
        Inner.IdentifyAsync(cancellationToken);

    /// <inheritdoc/>
    public virtual Task<RepoStat> RepoStatAsync(CancellationToken cancellationToken = default) =>
        Inner.RepoStatAsync(cancellationToken);

    /// <inheritdoc/>
    public virtual IAsyncEnumerable<Cid> CollectGarbageAsync(CancellationToken cancellationToken = default) =>
        Inner.CollectGarbageAsync(cancellationToken);

    /// <inheritdoc/>
    public virtual Task SwarmConnectAsync(string address, CancellationToken cancellationToken = default) =>
        Inner.SwarmConnectAsync(address, cancellationToken);

    /// <inheritdoc/>
    public virtual Task<IReadOnlyList<SwarmPeer>> SwarmPeersAsync(CancellationToken cancellationToken = default) =>
        Inner.SwarmPeersAsync(cancellationToken);
}
