using IpfsKit.Content;

namespace IpfsKit.Sharding;

/// <summary>
/// What the planner knows of a DAG: its internal nodes and, for each, its links in order with their content sizes
/// (from UnixFS blocksizes). Leaves are links to nodes absent from <see cref="Nodes"/>; they are never fetched.
/// </summary>
/// <param name="Root">The root CID.</param>
/// <param name="Nodes">The internal nodes by CID (the root included unless the DAG is a single block).</param>
public sealed record DagOutline(Cid Root, IReadOnlyDictionary<Cid, OutlineNode> Nodes)
{
    /// <summary>
    /// Gets the granule the outline was read with (<see cref="OutlineReadOptions.MinExpandBytes"/>; 0 for a full read);
    /// the planner copies it into <see cref="ShardPlan.MinExpandBytes"/> so that the same outline can be read again.
    /// </summary>
    public long MinExpandBytes { get; init; }
}

/// <summary>An internal node of a <see cref="DagOutline"/>.</summary>
/// <param name="Cid">Its CID.</param>
/// <param name="BlockBytes">The size of its own block.</param>
/// <param name="Links">Its links, in order.</param>
public sealed record OutlineNode(Cid Cid, long BlockBytes, IReadOnlyList<OutlineLink> Links);

/// <summary>A link of an internal node.</summary>
/// <param name="Cid">The child's CID.</param>
/// <param name="ContentBytes">The file bytes under the child (UnixFS blocksize).</param>
/// <param name="DagBytes">The child's cumulative DAG size (the link's Tsize), when known; the bytes a target stores for it.</param>
public readonly record struct OutlineLink(Cid Cid, long ContentBytes, long DagBytes);
