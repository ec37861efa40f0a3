using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.DagPb;
using IpfsKit.Content.UnixFs;
using IpfsKit.Errors;
using IpfsKit.Sharding.Internal;

namespace IpfsKit.Sharding;

/// <summary>Reads the <see cref="DagOutline"/> of a UnixFS DAG, fetching only its internal nodes.</summary>
/// <remarks>
/// <para>
/// The rule that spares the leaves: a raw-codec child is a leaf. A dag-pb child is a leaf without being fetched when its
/// link's Tsize minus its content bytes (the parent's UnixFS blocksize for it) is below <see cref="LeafOverheadBytes"/>:
/// a dag-pb leaf's own framing (PBNode Data + UnixFS Type/Data/filesize) is at most about 16 bytes, while an internal
/// node's links alone take more than 40 (a CIDv0 link is 34 bytes of hash plus its framing and Tsize). Any other dag-pb
/// child is fetched and decoded; if it turns out to have no links it is a leaf after all.
/// </para>
/// <para>
/// Each <see cref="OutlineLink"/> carries the parent's UnixFS blocksize as <see cref="OutlineLink.ContentBytes"/>
/// (0 when the parent has no blocksizes, a directory for instance) and the link's Tsize as
/// <see cref="OutlineLink.DagBytes"/>. Nodes are fetched a level at a time, several at once. A bounded read
/// (<see cref="OutlineReadOptions"/>, <see cref="ReadForPlanAsync(IBlockSource, Cid, ClusterNode, ShardingOptions?, CancellationToken)"/>) leaves the subtrees under a granule unread, so
/// its cost depends on the DAG's bytes ÷ the granule and its depth, not on its leaf count. Thread-safe (stateless).
/// </para>
/// </remarks>
public static class DagOutlineReader
{
    /// <summary>The DAG overhead below which a dag-pb child is taken for a leaf without fetching it.</summary>
    public const long LeafOverheadBytes = 40;

    private static readonly OutlineReadOptions Unbounded = new() { LinkThreshold = int.MaxValue };

    /// <summary>Reads the outline of the DAG under <paramref name="root"/>: every internal node.</summary>
    /// <param name="source">Where the DAG's internal nodes can be read (the origin, a node, a cluster).</param>
    /// <param name="root">The DAG's root; always fetched.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    /// <returns>The outline: every internal node with its links. Empty when the root is a single block.</returns>
    /// <exception cref="IpfsKitBlockNotFoundException">The source lacks an internal node.</exception>
    /// <exception cref="IpfsKitFormatException">An internal node is not valid dag-pb or UnixFS.</exception>
    public static Task<DagOutline> ReadAsync(IBlockSource source, Cid root, CancellationToken cancellationToken) =>
        ReadAsync(source, root, options: null, cancellationToken);

    /// <summary>Reads the outline of the DAG under <paramref name="root"/>, bounded by a granule.</summary>
    /// <param name="source">Where the DAG's internal nodes can be read (the origin, a node, a cluster).</param>
    /// <param name="root">The DAG's root; always fetched.</param>
    /// <param name="options">
    /// The granule and link threshold; <see langword="null"/> (or a <see cref="OutlineReadOptions.MinExpandBytes"/> of 0)
    /// reads every internal node. A child under the granule is not read and is a leaf of the outline.
    /// </param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    /// <returns>The outline: the internal nodes read, with their links. Empty when the root is a single block.</returns>
    /// <exception cref="IpfsKitBlockNotFoundException">The source lacks an internal node it reads.</exception>
    /// <exception cref="IpfsKitFormatException">An internal node is not valid dag-pb or UnixFS.</exception>
    public static Task<DagOutline> ReadAsync(IBlockSource source, Cid root, OutlineReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        return OutlineWalk.ReadAsync(root, FetchFrom(source), MayBeInternal, options ?? Unbounded, cancellationToken);
    }

    /// <summary>
    /// Reads the outline a plan of the DAG over <paramref name="topology"/> needs: the root first, then the nodes above the
    /// granule <see cref="OutlineGranule.For"/> gives for the DAG's bytes (the root block plus its links' Tsizes) over the
    /// topology's healthy free bytes, with the options' link threshold.
    /// </summary>
    /// <param name="source">Where the DAG's internal nodes can be read.</param>
    /// <param name="root">The DAG's root; always fetched.</param>
    /// <param name="topology">The members the plan is made over (one level: a master's members).</param>
    /// <param name="options">The options the plan is made with; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    /// <returns>The bounded outline, ready for <see cref="ShardPlanner.Plan"/> with the same topology and options.</returns>
    /// <exception cref="IpfsKitBlockNotFoundException">The source lacks an internal node it reads.</exception>
    /// <exception cref="IpfsKitFormatException">An internal node is not valid dag-pb or UnixFS.</exception>
    public static async Task<DagOutline> ReadForPlanAsync(
        IBlockSource source, Cid root, ClusterNode topology, ShardingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(topology);
        if (root.Codec != Multicodec.DagPb)
        {
            return new DagOutline(root, new Dictionary<Cid, OutlineNode>());
        }

        var fetch = FetchFrom(source);
        var rootNode = await fetch(root, cancellationToken).ConfigureAwait(false);
        var dagBytes = rootNode is null ? 0 : rootNode.BlockBytes + rootNode.Links.Sum(l => l.DagBytes > 0 ? l.DagBytes : l.ContentBytes);
        var read = new OutlineReadOptions
        {
            MinExpandBytes = OutlineGranule.For(dagBytes, topology, options),
            LinkThreshold = (options ?? new ShardingOptions()).LinkThreshold,
        };
        return await OutlineWalk.ReadAsync(
            root, (cid, token) => cid == root ? ValueTask.FromResult(rootNode) : fetch(cid, token), MayBeInternal, read, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads again the outline a plan was made over: with its <see cref="ShardPlan.MinExpandBytes"/> granule, for a repair, top-up or rebalance of it.</summary>
    /// <param name="source">Where the DAG's internal nodes can be read.</param>
    /// <param name="plan">The plan in force.</param>
    /// <param name="options">The options the plan was made with (its link threshold); <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    /// <returns>The outline the plan was made over (the same nodes, as the walk is deterministic).</returns>
    /// <exception cref="IpfsKitBlockNotFoundException">The source lacks an internal node it reads.</exception>
    /// <exception cref="IpfsKitFormatException">An internal node is not valid dag-pb or UnixFS.</exception>
    public static Task<DagOutline> ReadForPlanAsync(IBlockSource source, ShardPlan plan, ShardingOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return ReadAsync(
            source,
            plan.Root,
            plan.MinExpandBytes == 0 ? null : new OutlineReadOptions { MinExpandBytes = plan.MinExpandBytes, LinkThreshold = (options ?? new ShardingOptions()).LinkThreshold },
            cancellationToken);
    }

    /// <summary>Whether a link may lead to an internal node, so that its block must be fetched to know.</summary>
    /// <param name="link">The link, with its content and DAG bytes.</param>
    /// <returns><see langword="false"/> for a raw child or a dag-pb child whose DAG overhead is that of a leaf.</returns>
    public static bool MayBeInternal(OutlineLink link) =>
        link.Cid.Codec == Multicodec.DagPb && (link.ContentBytes <= 0 || link.DagBytes - link.ContentBytes >= LeafOverheadBytes);

    private static OutlineWalk.Fetch FetchFrom(IBlockSource source) => async (cid, cancellationToken) =>
        Outline(await source.GetRequiredAsync(cid, cancellationToken).ConfigureAwait(false));

    private static OutlineNode? Outline(Block block)
    {
        var pb = DagPbCodec.Decode(block.Data);
        if (pb.Links.Count == 0)
        {
            return null;
        }

        IReadOnlyList<ulong> sizes = [];
        if (pb.Data is { } data)
        {
            var unixFs = UnixFsCodec.Decode(data);
            if (unixFs.BlockSizes.Count == pb.Links.Count)
            {
                sizes = unixFs.BlockSizes;
            }
        }

        var links = new OutlineLink[pb.Links.Count];
        for (var i = 0; i < links.Length; i++)
        {
            var link = pb.Links[i];
            links[i] = new OutlineLink(link.Hash, sizes.Count > 0 ? (long)sizes[i] : 0, (long)(link.Tsize ?? 0));
        }

        return new OutlineNode(block.Cid, block.Size, links);
    }
}
