using System.Collections.Concurrent;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.DagPb;
using IpfsKit.Content.UnixFs;

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
/// <see cref="OutlineLink.DagBytes"/>. Nodes are fetched a level at a time, several at once. Thread-safe (stateless).
/// </para>
/// </remarks>
public static class DagOutlineReader
{
    /// <summary>The DAG overhead below which a dag-pb child is taken for a leaf without fetching it.</summary>
    public const long LeafOverheadBytes = 40;

    private const int MaxParallelFetches = 8;

    /// <summary>Reads the outline of the DAG under <paramref name="root"/>.</summary>
    /// <param name="source">Where the DAG's internal nodes can be read (the origin, a node, a cluster).</param>
    /// <param name="root">The DAG's root; always fetched.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    /// <returns>The outline: every internal node with its links. Empty when the root is a single block.</returns>
    /// <exception cref="IpfsKitBlockNotFoundException">The source lacks an internal node.</exception>
    /// <exception cref="IpfsKitFormatException">An internal node is not valid dag-pb or UnixFS.</exception>
    public static async Task<DagOutline> ReadAsync(IBlockSource source, Cid root, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var nodes = new ConcurrentDictionary<Cid, OutlineNode>();
        var level = root.Codec == Multicodec.DagPb ? new List<Cid> { root } : [];
        while (level.Count > 0)
        {
            var next = new ConcurrentBag<Cid>();
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = MaxParallelFetches, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(level.Distinct(), parallel, async (cid, token) =>
            {
                if (nodes.ContainsKey(cid))
                {
                    return;
                }

                var block = await source.GetRequiredAsync(cid, token).ConfigureAwait(false);
                if (Outline(block) is { } node)
                {
                    nodes.TryAdd(cid, node);
                    foreach (var link in node.Links)
                    {
                        if (MayBeInternal(link))
                        {
                            next.Add(link.Cid);
                        }
                    }
                }
            }).ConfigureAwait(false);
            level = [.. next];
        }

        return new DagOutline(root, nodes);
    }

    /// <summary>Whether a link may lead to an internal node, so that its block must be fetched to know.</summary>
    /// <param name="link">The link, with its content and DAG bytes.</param>
    /// <returns><see langword="false"/> for a raw child or a dag-pb child whose DAG overhead is that of a leaf.</returns>
    public static bool MayBeInternal(OutlineLink link) =>
        link.Cid.Codec == Multicodec.DagPb && (link.ContentBytes <= 0 || link.DagBytes - link.ContentBytes >= LeafOverheadBytes);

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
