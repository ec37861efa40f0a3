using IpfsKit.Content;

namespace IpfsKit.Sharding;

/// <summary>
/// Where each part of a DAG is pinned: plain data, deterministic for the same outline, topology and options, and
/// serializable to JSON (<c>ShardPlanJson</c>).
/// </summary>
/// <param name="Root">The DAG's root.</param>
/// <param name="TotalLeaves">The number of leaves.</param>
/// <param name="TotalBytes">The DAG's bytes (all blocks).</param>
/// <param name="Replication">How many targets hold every leaf.</param>
/// <param name="Placements">One entry per target and replica.</param>
public sealed record ShardPlan(Cid Root, long TotalLeaves, long TotalBytes, int Replication, IReadOnlyList<ShardPlacement> Placements);

/// <summary>A contiguous range of a DAG's leaves on one target, as the pins that cover it.</summary>
/// <param name="Target">The target's id (its topology path, <c>zone-a/peer-1</c>).</param>
/// <param name="Replica">Which copy (0 to replication − 1) this is.</param>
/// <param name="FirstLeaf">The first leaf index of the range.</param>
/// <param name="LeafCount">The number of leaves in the range.</param>
/// <param name="Bytes">The bytes the target stores for it (leaves and the internal nodes pinned).</param>
/// <param name="Pins">The minimal cover: recursive pins for subtrees inside the range, direct pins for internal nodes on its border.</param>
public sealed record ShardPlacement(string Target, int Replica, long FirstLeaf, long LeafCount, long Bytes, IReadOnlyList<ShardPin> Pins);

/// <summary>One pin of a placement.</summary>
/// <param name="Cid">The pinned CID.</param>
/// <param name="Recursive">Whether the whole subtree is pinned (else only the block: a border node).</param>
public readonly record struct ShardPin(Cid Cid, bool Recursive);
