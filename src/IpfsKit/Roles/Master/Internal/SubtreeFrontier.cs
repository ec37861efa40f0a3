using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.DagPb;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>
/// The complete subtrees of an add in progress that nothing placed yet: the importer writes children before parents,
/// so a written leaf is a complete subtree, and a written node whose children are all such subtrees replaces them by
/// itself. A node with a child already taken for placement stays out (a border node the master keeps). Not thread-safe.
/// </summary>
internal sealed class SubtreeFrontier
{
    private readonly Dictionary<Cid, SpoolItem> _pending = [];

    /// <summary>Gets the bytes of the leaves under the pending subtrees.</summary>
    public long PendingLeafBytes { get; private set; }

    /// <summary>Gets whether no subtree is pending.</summary>
    public bool IsEmpty => _pending.Count == 0;

    /// <summary>Takes a written block in.</summary>
    /// <returns>The leaf bytes it adds to the pending subtrees (0 for a node or a block seen before).</returns>
    public long Add(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (_pending.ContainsKey(block.Cid))
        {
            return 0;
        }

        var links = block.Cid.Codec == Multicodec.DagPb ? DagPbCodec.Decode(block.Data).Links : [];
        if (links.Count == 0)
        {
            _pending[block.Cid] = new SpoolItem(block.Cid, block.Size, block.Size, [block.Cid]);
            PendingLeafBytes += block.Size;
            return block.Size;
        }

        var children = links.Select(l => l.Hash).Distinct().ToList();
        if (children.All(_pending.ContainsKey))
        {
            var parts = children.Select(c => _pending[c]).ToList();
            children.ForEach(c => _pending.Remove(c));
            _pending[block.Cid] = new SpoolItem(block.Cid, block.Size + parts.Sum(p => p.Bytes), parts.Sum(p => p.LeafBytes), [.. parts.SelectMany(p => p.Leaves)]);
        }

        return 0;
    }

    /// <summary>Gets whether a pending subtree has more than one leaf.</summary>
    public bool HasNodes => _pending.Values.Any(i => i.Leaves.Count > 1 || !i.Leaves[0].Equals(i.Root));

    /// <summary>
    /// Takes the pending subtrees (each then belongs to the caller, to place): those rooted at a node, and the lone
    /// leaves too when <paramref name="leaves"/> is set (else they wait to be gathered under their parent).
    /// </summary>
    public List<SpoolItem> Take(bool leaves)
    {
        var items = _pending.Values.Where(i => leaves || i.Leaves.Count > 1 || !i.Leaves[0].Equals(i.Root)).ToList();
        foreach (var item in items)
        {
            _pending.Remove(item.Root);
            PendingLeafBytes -= item.LeafBytes;
        }

        return items;
    }
}

/// <summary>A complete subtree of an add: its root, its bytes, and its leaves (what the master drops once it is placed).</summary>
internal sealed record SpoolItem(Cid Root, long Bytes, long LeafBytes, IReadOnlyList<Cid> Leaves);
