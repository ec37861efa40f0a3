using System.Text.Json.Serialization;
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
/// <param name="Placements">
/// One entry per target, replica and contiguous range (with replication, a target may hold several ranges of one
/// replica), ordered by replica, first leaf and target.
/// </param>
public sealed record ShardPlan(Cid Root, long TotalLeaves, long TotalBytes, int Replication, IReadOnlyList<ShardPlacement> Placements)
{
    /// <summary>
    /// Gets the granule of the outline the plan was made over (<see cref="DagOutline.MinExpandBytes"/>; 0, not written to
    /// JSON, for a full outline): a repair, top-up or rebalance of the plan needs that outline again, read with
    /// <see cref="DagOutlineReader.ReadForPlanAsync(Blocks.IBlockSource, ShardPlan, ShardingOptions?, CancellationToken)"/>.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long MinExpandBytes { get; init; }

    /// <summary>Gets the placements on one target.</summary>
    /// <param name="target">The target's id.</param>
    /// <returns>Its placements, in plan order.</returns>
    public IEnumerable<ShardPlacement> PlacementsOf(string target) => Placements.Where(p => p.Target == target);

    /// <summary>Gets the bytes one target stores over all its placements.</summary>
    /// <param name="target">The target's id.</param>
    /// <returns>The sum of its placements' <see cref="ShardPlacement.Bytes"/>.</returns>
    public long BytesOf(string target) => PlacementsOf(target).Sum(p => p.Bytes);

    /// <summary>Gets the ids of the targets in the plan, in ordinal order (computed, not serialized).</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Targets => [.. Placements.Select(p => p.Target).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Applies a repair: the full plan after a dead target's placements are replaced by the repair's.</summary>
    /// <param name="repair">The plan returned by <see cref="ShardPlanner.Repair"/> for this plan.</param>
    /// <param name="deadTarget">The dead target's id.</param>
    /// <returns>This plan without the dead target's placements, plus the repair's, in plan order.</returns>
    /// <exception cref="ArgumentException">The repair is of another DAG.</exception>
    public ShardPlan Merge(ShardPlan repair, string deadTarget)
    {
        ArgumentNullException.ThrowIfNull(repair);
        ArgumentNullException.ThrowIfNull(deadTarget);
        if (!repair.Root.Equals(Root) || repair.TotalLeaves != TotalLeaves)
        {
            throw new ArgumentException("The repair is of another DAG.", nameof(repair));
        }

        var placements = Placements.Where(p => p.Target != deadTarget).Concat(repair.Placements)
            .OrderBy(p => p.Replica).ThenBy(p => p.FirstLeaf).ThenBy(p => p.Target, StringComparer.Ordinal).ToList();
        return this with { Placements = placements };
    }

    /// <summary>Applies a top-up: this plan plus the new placements of <see cref="ShardPlanner.AddReplicas"/>.</summary>
    /// <param name="topUp">The plan returned by <see cref="ShardPlanner.AddReplicas"/> for this plan.</param>
    /// <param name="isLive">Whether a target is alive; the merged plan's <see cref="Replication"/> is the replicas held on live targets.</param>
    /// <returns>The merged plan, in plan order.</returns>
    /// <exception cref="ArgumentException">The top-up is of another DAG.</exception>
    public ShardPlan Add(ShardPlan topUp, Func<string, bool> isLive)
    {
        ArgumentNullException.ThrowIfNull(topUp);
        ArgumentNullException.ThrowIfNull(isLive);
        if (!topUp.Root.Equals(Root) || topUp.TotalLeaves != TotalLeaves)
        {
            throw new ArgumentException("The top-up is of another DAG.", nameof(topUp));
        }

        var placements = Placements.Concat(topUp.Placements)
            .OrderBy(p => p.Replica).ThenBy(p => p.FirstLeaf).ThenBy(p => p.Target, StringComparer.Ordinal).ToList();
        var merged = this with { Placements = placements };
        return merged with { Replication = Math.Max(1, merged.LiveReplicas(isLive)) };
    }

    /// <summary>Applies the moves of <see cref="ShardPlanner.Rebalance"/> that are of this plan: each moved placement gives way to its new one and to what its old member keeps.</summary>
    /// <param name="moves">The moves, in their order (those of other plans are ignored).</param>
    /// <returns>The plan after the moves, in plan order.</returns>
    public ShardPlan Move(IEnumerable<ShardMove> moves)
    {
        ArgumentNullException.ThrowIfNull(moves);
        var placements = Placements.ToList();
        foreach (var move in moves.Where(m => m.Root.Equals(Root)))
        {
            // In order: a later move may move on what an earlier one kept.
            placements.Remove(move.From);
            placements.Add(move.To);
            if (move.Kept is { } kept)
            {
                placements.Add(kept);
            }
        }

        placements = [.. placements.OrderBy(p => p.Replica).ThenBy(p => p.FirstLeaf).ThenBy(p => p.Target, StringComparer.Ordinal)];
        return this with { Placements = placements };
    }

    /// <summary>Gets how many distinct live targets hold the least held leaf: the replicas the plan really has now.</summary>
    /// <param name="isLive">Whether a target is alive.</param>
    /// <returns>The smallest number of distinct live targets over the leaves (0 when some leaf is on no live target).</returns>
    public int LiveReplicas(Func<string, bool> isLive)
    {
        ArgumentNullException.ThrowIfNull(isLive);
        return Sharding.Internal.ReplicaFiller.LiveReplicas(this, isLive);
    }
}

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
