using IpfsKit.Content;

namespace IpfsKit.Sharding;

/// <summary>
/// A complete subtree of a DAG placed on a target before the DAG's root existed (the master's streaming spool places
/// the subtrees of an add in progress), pinned there recursively; <see cref="ShardPlanner.Adopt"/> turns such placements
/// into ranges of the DAG's plan.
/// </summary>
/// <param name="Subtree">The subtree's root (an internal node or a leaf).</param>
/// <param name="Target">The target's id.</param>
/// <param name="Replica">Which copy of the subtree this is (0 to replication − 1).</param>
/// <param name="Bytes">The bytes the target stores for it (every block of the subtree).</param>
public sealed record SubtreePlacement(Cid Subtree, string Target, int Replica, long Bytes);
