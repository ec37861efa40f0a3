using System.Reflection;
using IpfsKit.Content;
using IpfsKit.Content.UnixFs.Reading;
using IpfsKit.Errors;
using IpfsKit.Sqlite.Internal;
using IpfsKit.Storage;
using IpfsKit.Transports.Embedded.Internal;

namespace IpfsKit.Transports.Embedded;

/// <summary>
/// An IPFS node inside this process: the UnixFS importer and reader over a <see cref="TieredBlockStore"/>, a durable
/// pinset in SQLite and in-process pubsub. It has no network: everything but <see cref="TransportCapabilities.Swarm"/>
/// is supported.
/// </summary>
/// <remarks>
/// <para>
/// With <see cref="StorageOptions.Path"/> set, blocks, pins and the node's identity are kept in that folder
/// (<c>blocks/</c>, <c>pins.db</c>) and survive a restart; without it they live in memory for the transport's lifetime.
/// Pinned blocks are marked never-evict in the store of record (the disk tier, else the memory tier).
/// </para>
/// <para>Thread-safe. Dispose it to close the database and the store and to end every subscription.</para>
/// </remarks>
public sealed partial class EmbeddedTransport : IIpfsTransport, IAsyncDisposable
{
    /// <summary>The transport's name in logs, metrics and errors.</summary>
    public const string TransportName = "embedded";

    private readonly SqliteStore _database;
    private readonly SqlitePinset _pins;
    private readonly InProcessPubSub _pubSub;
    private readonly UnixFsReader _reader;
    private readonly PeerIdentity _identity;
    private int _disposed;

    private EmbeddedTransport(EmbeddedTransportOptions options, TieredBlockStore blocks, SqliteStore database, string peerId)
    {
        Options = options;
        Blocks = blocks;
        _database = database;
        _pins = new SqlitePinset(database, blocks);
        _pubSub = new InProcessPubSub(peerId);
        _reader = new UnixFsReader(blocks);
        _identity = new PeerIdentity(peerId, [], "ipfskit/" + InformationalVersion());
    }

    /// <inheritdoc/>
    /// <value>Always <c>"embedded"</c>.</value>
    public string Name => TransportName;

    /// <inheritdoc/>
    /// <value>Everything except <see cref="TransportCapabilities.Swarm"/>.</value>
    public TransportCapabilities Capabilities => TransportCapabilities.All & ~TransportCapabilities.Swarm;

    /// <summary>Gets the node's block store.</summary>
    public TieredBlockStore Blocks { get; }

    /// <summary>Gets the settings the node was opened with.</summary>
    public EmbeddedTransportOptions Options { get; }

    /// <summary>
    /// Opens a node: its block store, its pinset and identity database (created on first use), and reconciles the
    /// never-evict marks of the store of record with the pinset (marks no pin holds, left by a crash, are removed and the
    /// store evicts down to its budget; pinned blocks without a mark get one).
    /// </summary>
    /// <param name="options">The settings.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <returns>The node; dispose it.</returns>
    /// <exception cref="ArgumentException">The storage options are invalid or disable both tiers.</exception>
    /// <exception cref="IpfsKitStorageException">The storage folder or the database cannot be opened.</exception>
    public static async Task<EmbeddedTransport> OpenAsync(EmbeddedTransportOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Storage);
        ArgumentNullException.ThrowIfNull(options.TimeProvider);
        var blocks = await TieredBlockStore.OpenAsync(options.Storage, options.Next, cancellationToken).ConfigureAwait(false);
        SqliteStore? database = null;
        try
        {
            database = await EmbeddedSchema.OpenAsync(options.Storage.Path, cancellationToken).ConfigureAwait(false);
            var seed = await NodeIdentitySeed.GetOrCreateAsync(database, cancellationToken).ConfigureAwait(false);
            var transport = new EmbeddedTransport(options, blocks, database, PeerIdOf(seed));
            await transport._pins.ReconcileMarksAsync(cancellationToken).ConfigureAwait(false);
            return transport;
        }
        catch
        {
            database?.Dispose();
            blocks.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The peer ID is the base58btc sha2-256 multihash (<c>Qm…</c>) of 32 random bytes generated once and kept in the
    /// node's database. It names the node stably but is not a libp2p key: nothing can be signed or verified with it.
    /// No addresses (the node does not listen); the agent is <c>ipfskit/&lt;informational version&gt;</c>.
    /// </remarks>
    public Task<PeerIdentity> IdentifyAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_identity);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The figures of the store of record: the disk tier's used bytes, budget and block count, or the memory tier's
    /// when there is no disk tier.
    /// </remarks>
    public Task<RepoStat> RepoStatAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        var statistics = Blocks.GetStatistics()[^1];
        return Task.FromResult(new RepoStat(statistics.Bytes, statistics.Capacity, statistics.Blocks));
    }

    /// <inheritdoc/>
    /// <exception cref="IpfsKitNotSupportedException">Always: an embedded node has no network.</exception>
    public Task SwarmConnectAsync(string address, CancellationToken cancellationToken = default) =>
        throw new IpfsKitNotSupportedException(TransportName, "swarm connect");

    /// <inheritdoc/>
    /// <exception cref="IpfsKitNotSupportedException">Always: an embedded node has no network.</exception>
    public Task<IReadOnlyList<SwarmPeer>> SwarmPeersAsync(CancellationToken cancellationToken = default) =>
        throw new IpfsKitNotSupportedException(TransportName, "swarm peers");

    /// <summary>Ends every subscription, closes the database and the block store. Calling it again does nothing.</summary>
    /// <returns>A task that completes once everything is closed.</returns>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _pubSub.Dispose();
            _database.Dispose();
            Blocks.Dispose();
        }

        return default;
    }

    private static string PeerIdOf(byte[] seed) => Multihash.Sha256(seed).ToString();

    private static string InformationalVersion() =>
        typeof(EmbeddedTransport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}
