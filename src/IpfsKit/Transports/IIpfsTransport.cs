using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Errors;

namespace IpfsKit.Transports;

/// <summary>
/// What an IPFS node can do, whether it runs in this process (<c>EmbeddedTransport</c>), behind the Kubo RPC API
/// (<c>KuboRpcTransport</c>) or behind a trustless gateway (<c>GatewayTransport</c>, read-only).
/// </summary>
/// <remarks>
/// <para>
/// Content is streamed both ways: an add reads its <see cref="Stream"/> once without buffering it whole, a cat returns a
/// stream that reads as it goes. Every call is cancellable; cancellation surfaces as
/// <see cref="OperationCanceledException"/>. An operation outside <see cref="Capabilities"/> throws
/// <see cref="IpfsKitNotSupportedException"/>; a remote node's error surfaces as <see cref="IpfsKitRemoteException"/>;
/// a block the node does not have as <see cref="IpfsKitBlockNotFoundException"/>.
/// </para>
/// <para>Implementations are thread-safe.</para>
/// </remarks>
public interface IIpfsTransport
{
    /// <summary>Gets the transport's name, as used in logs, metrics and errors: <c>"embedded"</c>, <c>"kubo-rpc"</c>, <c>"gateway"</c>.</summary>
    string Name { get; }

    /// <summary>Gets what this transport can do.</summary>
    TransportCapabilities Capabilities { get; }

    /// <summary>Adds a file's content as UnixFS, the way <c>ipfs add</c> does.</summary>
    /// <param name="content">The content, read once to its end.</param>
    /// <param name="options">Import settings, name, pinning. <value>The default value is <see langword="null"/>: Kubo's defaults, pinned.</value></param>
    /// <param name="progress">Receives the bytes processed so far. <value>The default value is <see langword="null"/>.</value></param>
    /// <param name="cancellationToken">Cancels the add; nothing is pinned then.</param>
    /// <returns>The root CID and sizes.</returns>
    Task<AddResult> AddAsync(Stream content, AddOptions? options = null, IProgress<AddProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Reads a UnixFS file, or a range of it.</summary>
    /// <param name="cid">The file's CID.</param>
    /// <param name="range">The bytes wanted. <value>The default value is <see langword="null"/>: the whole file.</value></param>
    /// <param name="cancellationToken">Cancels opening; dispose the stream to stop reading.</param>
    /// <returns>A stream of the file's bytes; dispose it.</returns>
    Task<Stream> CatAsync(Cid cid, ByteRange? range = null, CancellationToken cancellationToken = default);

    /// <summary>Lists the links of a UnixFS directory (or the chunks of a file).</summary>
    /// <param name="cid">The directory's CID.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The entries, in the directory's order.</returns>
    IAsyncEnumerable<LinkEntry> ListAsync(Cid cid, CancellationToken cancellationToken = default);

    /// <summary>Gets one block, verified against its CID.</summary>
    /// <param name="cid">The block's CID.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The block.</returns>
    Task<Block> GetBlockAsync(Cid cid, CancellationToken cancellationToken = default);

    /// <summary>Stores one block on the node.</summary>
    /// <param name="block">The block; its CID's codec and hash function are the ones the node is asked to use.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes once the node holds the block (and has named it with the same CID).</returns>
    Task PutBlockAsync(Block block, CancellationToken cancellationToken = default);

    /// <summary>Gets a block's size without its bytes.</summary>
    /// <param name="cid">The block's CID.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The CID and size.</returns>
    Task<BlockStat> StatBlockAsync(Cid cid, CancellationToken cancellationToken = default);

    /// <summary>Pins a DAG (recursive) or one block (direct) so the node keeps it.</summary>
    /// <param name="cid">The root.</param>
    /// <param name="mode">Recursive or direct. <value>The default value is <see cref="PinMode.Recursive"/>.</value></param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes once the pin is in place (a recursive pin holds every block).</returns>
    Task PinAsync(Cid cid, PinMode mode = PinMode.Recursive, CancellationToken cancellationToken = default);

    /// <summary>Removes a pin.</summary>
    /// <param name="cid">The root.</param>
    /// <param name="mode">The pin to remove. <value>The default value is <see cref="PinMode.Recursive"/>.</value></param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes once the pin is gone.</returns>
    Task UnpinAsync(Cid cid, PinMode mode = PinMode.Recursive, CancellationToken cancellationToken = default);

    /// <summary>Lists pins.</summary>
    /// <param name="mode">Only pins of this kind. <value>The default value is <see langword="null"/>: recursive and direct pins.</value></param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The pins, in no particular order.</returns>
    IAsyncEnumerable<PinEntry> ListPinsAsync(PinMode? mode = null, CancellationToken cancellationToken = default);

    /// <summary>Publishes a message on a pubsub topic.</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="data">The message.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes once the node has taken the message.</returns>
    Task PublishAsync(string topic, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>Subscribes to a pubsub topic until the token is cancelled or the enumeration is disposed.</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="cancellationToken">Ends the subscription.</param>
    /// <returns>The messages, as they arrive.</returns>
    IAsyncEnumerable<PubSubMessage> SubscribeAsync(string topic, CancellationToken cancellationToken = default);

    /// <summary>Gets the node's identity.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The peer ID, addresses and agent.</returns>
    Task<PeerIdentity> IdentifyAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets the size of the node's repository.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The bytes used, the maximum, the number of blocks.</returns>
    Task<RepoStat> RepoStatAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Collects garbage, as <c>ipfs repo gc</c>: deletes every stored block that no pin holds and that no add in progress
    /// is writing, so the repository shrinks.
    /// </summary>
    /// <param name="cancellationToken">Stops the collection; what was removed before stays removed.</param>
    /// <returns>The CID of each removed block, as it is removed.</returns>
    IAsyncEnumerable<Cid> CollectGarbageAsync(CancellationToken cancellationToken = default);

    /// <summary>Connects the node to a peer.</summary>
    /// <param name="address">The peer's multiaddress, with <c>/p2p/&lt;peer id&gt;</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes once connected.</returns>
    Task SwarmConnectAsync(string address, CancellationToken cancellationToken = default);

    /// <summary>Lists the peers the node is connected to.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The connected peers.</returns>
    Task<IReadOnlyList<SwarmPeer>> SwarmPeersAsync(CancellationToken cancellationToken = default);
}
