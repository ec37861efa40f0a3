using System.Collections.Concurrent;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.DagPb;
using IpfsKit.Errors;
using IpfsKit.Transports;

namespace IpfsKit.Sharding.Execution;

/// <summary>
/// Reads a sharded DAG's blocks from the targets that hold them: the targets whose placements pin a block (or, for a
/// recursive pin, a block above it) are asked first, then every other target. Every block is verified against its CID,
/// so a target that answers wrong bytes is passed over like one that fails or does not answer in time.
/// </summary>
/// <remarks>
/// Holders are known from the plan's pins at first and learnt downwards as nodes are read: the children of a block held
/// under a recursive pin are held by the same targets. A <c>UnixFsReader</c> over this source reads the whole file from
/// the cluster. Thread-safe.
/// </remarks>
public sealed class ClusterBlockSource : IBlockSource
{
    private readonly IReadOnlyDictionary<string, IIpfsTransport> _targets;
    private readonly ClusterBlockSourceOptions _options;
    private readonly ConcurrentDictionary<Cid, string[]> _recursiveHolders = new();
    private readonly ConcurrentDictionary<Cid, string[]> _directHolders = new();

    /// <summary>Creates the source with the default options.</summary>
    /// <param name="plan">The plan in force (after a repair: the repaired plan).</param>
    /// <param name="targets">The transports of the targets, by target id; targets missing here are not asked.</param>
    public ClusterBlockSource(ShardPlan plan, IReadOnlyDictionary<string, IIpfsTransport> targets)
        : this(plan, targets, options: null)
    {
    }

    /// <summary>Creates the source.</summary>
    /// <param name="plan">The plan in force (after a repair: the repaired plan).</param>
    /// <param name="targets">The transports of the targets, by target id; targets missing here are not asked.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    public ClusterBlockSource(ShardPlan plan, IReadOnlyDictionary<string, IIpfsTransport> targets, ClusterBlockSourceOptions? options)
        : this([plan ?? throw new ArgumentNullException(nameof(plan))], targets, options)
    {
    }

    /// <summary>Creates the source over several plans in force (a master's whole pinset): a block is asked of the targets of every plan that holds it.</summary>
    /// <param name="plans">The plans in force.</param>
    /// <param name="targets">The transports of the targets, by target id; targets missing here are not asked.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    public ClusterBlockSource(IEnumerable<ShardPlan> plans, IReadOnlyDictionary<string, IIpfsTransport> targets, ClusterBlockSourceOptions? options)
    {
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(targets);
        _targets = targets;
        _options = options ?? new ClusterBlockSourceOptions();
        foreach (var placement in plans.SelectMany(p => p.Placements))
        {
            foreach (var pin in placement.Pins)
            {
                Add(pin.Recursive ? _recursiveHolders : _directHolders, pin.Cid.ToV1(), [placement.Target]);
            }
        }
    }

    /// <summary>
    /// Learns the holders of the blocks below the recursive pins from the interior nodes a local source already has
    /// (a master that kept its DAGs' interior nodes), so that a leaf is asked of its holders although its parents were
    /// never read through this source.
    /// </summary>
    /// <param name="interior">The local blocks (never a source that reads from the targets).</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    /// <returns>A task that completes when every local node under a recursive pin was read.</returns>
    public async Task LearnAsync(IBlockSource interior, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interior);
        // The one DAG walk over the interior nodes alone: a leaf (not dag-pb) is learned from its parent, never read.
        var roots = _recursiveHolders.Keys.Where(k => k.Codec == Multicodec.DagPb).Select(k => (k, 0)).ToList();
        DagLinkSelector<int> interiorChildren = (block, _) =>
            [.. Learn(block.Cid.ToV1(), block).Where(c => c.Codec == Multicodec.DagPb).Select(c => (c, 0))];
        var walk = new DagWalkOptions { SkipMissing = true, SkipIdentityBlocks = true };
        await foreach (var _ in DagWalker.WalkAsync(new LocalSource(interior), roots, interiorChildren, walk, cancellationToken).ConfigureAwait(false))
        {
            // Learn, as the walk reaches each node, is all there is to do.
        }
    }

    /// <inheritdoc/>
    /// <returns>The verified block, or <see langword="null"/> when no target gave it.</returns>
    public async ValueTask<Block?> GetAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        var key = cid.ToV1();
        foreach (var target in Candidates(key))
        {
            using var timeout = new CancellationTokenSource(_options.AttemptTimeout, _options.TimeProvider);
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            Block block;
            try
            {
                var answer = await _targets[target].GetBlockAsync(cid, attempt.Token).ConfigureAwait(false);
                block = Block.CreateVerified(cid, answer.Data);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                continue; // no answer in time: the target most likely lacks the block
            }
            catch (Exception ex) when (ex is IpfsKitException or HttpRequestException or IOException)
            {
                continue; // failed, lacks the block, or lied about it
            }

            _ = Learn(key, block);
            return block;
        }

        return null;
    }

    /// <summary>Reads a block of a local store, which keys a dag-pb sha2-256 block by the CID it was written with (v0 or v1).</summary>
    private static async ValueTask<Block?> GetLocalAsync(IBlockSource local, Cid key, CancellationToken cancellationToken) =>
        await local.GetAsync(key, cancellationToken).ConfigureAwait(false)
        ?? (key.Hash.Code == Multicodec.Sha256 && key.Hash.Digest.Length == 32
            ? await local.GetAsync(Cid.CreateV0(key.Hash), cancellationToken).ConfigureAwait(false)
            : null);

    private IEnumerable<string> Candidates(Cid key)
    {
        var holders = Holders(_recursiveHolders, key).Concat(Holders(_directHolders, key)).Distinct(StringComparer.Ordinal).ToList();
        var preferred = _options.PreferredTarget;
        var ordered = holders.Contains(preferred ?? string.Empty, StringComparer.Ordinal)
            ? holders.OrderBy(t => t == preferred ? 0 : 1).ToList()
            : holders;
        if (preferred is not null && !ordered.Contains(preferred, StringComparer.Ordinal))
        {
            ordered.Add(preferred);
        }

        var others = _options.AskOtherTargets ? _targets.Keys.Where(t => !ordered.Contains(t, StringComparer.Ordinal)) : [];
        return ordered.Concat(others).Where(_targets.ContainsKey);
    }

    private List<Cid> Learn(Cid key, Block block)
    {
        if (key.Codec != Multicodec.DagPb || !_recursiveHolders.TryGetValue(key, out var holders))
        {
            return [];
        }

        var children = new List<Cid>();
        foreach (var link in DagPbCodec.Decode(block.Data).Links)
        {
            var child = link.Hash.ToV1();
            Add(_recursiveHolders, child, holders);
            children.Add(child);
        }

        return children;
    }

    private static string[] Holders(ConcurrentDictionary<Cid, string[]> map, Cid key) =>
        map.TryGetValue(key, out var holders) ? holders : [];

    private static void Add(ConcurrentDictionary<Cid, string[]> map, Cid key, string[] targets) =>
        map.AddOrUpdate(key, targets, (_, existing) => [.. existing.Union(targets, StringComparer.Ordinal)]);

    /// <summary>A local store read by <see cref="GetLocalAsync"/>'s v0-or-v1 rule.</summary>
    private sealed class LocalSource(IBlockSource local) : IBlockSource
    {
        public ValueTask<Block?> GetAsync(Cid cid, CancellationToken cancellationToken = default) => GetLocalAsync(local, cid, cancellationToken);
    }
}
