using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Roles.Coordination;
using IpfsKit.Sharding;
using IpfsKit.Sharding.Execution;
using IpfsKit.Transports;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>
/// The plan of a pin that holds one block: a direct pin (Kubo's <c>pin add --recursive=false</c>; the border nodes a
/// parent master gives a sub-cluster), never planned as the DAG below it; or a recursive pin of a block without links
/// (a file of one chunk, a leaf a parent master gives a sub-cluster), which the range planner would weigh at 0 bytes and
/// count as no replica. The block is pinned, in the pin's mode, on as many distinct members as the pin wants; it is one
/// "leaf" of its size, so replicas, loads and the room left count as for any plan.
/// </summary>
internal static class OneBlockPlan
{
    /// <summary>Whether a plan in force is one block's (made here): one leaf, every placement pinning the root alone.</summary>
    public static bool IsOneBlock(ShardPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.TotalLeaves == 1 && plan.Placements.All(p => p.Pins is [var only] && only.Cid.Equals(plan.Root));
    }

    /// <summary>Whether a recursive pin's DAG is one block: its outline's root has no links.</summary>
    public static bool IsOneBlock(DagOutline outline)
    {
        ArgumentNullException.ThrowIfNull(outline);
        return !outline.Nodes.TryGetValue(outline.Root, out var root) || root.Links.Count == 0;
    }

    /// <summary>
    /// The placements that bring a one-block pin to <paramref name="wanted"/> distinct members: the eligible members with the
    /// most free bytes that do not hold it yet (ties by id). Empty when every eligible member already holds it.
    /// </summary>
    /// <param name="cid">The pinned block.</param>
    /// <param name="recursive">Whether it is pinned recursively (a block without links) or directly.</param>
    /// <param name="blockBytes">Its size.</param>
    /// <param name="current">The plan in force, or <see langword="null"/> for a first plan.</param>
    /// <param name="eligible">The members it may be placed on, by target id.</param>
    /// <param name="isLive">Whether a target of <paramref name="current"/> still holds its placement.</param>
    /// <param name="wanted">How many members should hold it.</param>
    /// <returns>The new placements only (merge with <see cref="ShardPlan.Add"/>, or use as the first plan).</returns>
    /// <exception cref="IpfsKitCapacityException">A first plan, and no eligible member has room for the block.</exception>
    public static ShardPlan More(Cid cid, bool recursive, long blockBytes, ShardPlan? current, IReadOnlyDictionary<string, WorkerInfo> eligible, Func<string, bool> isLive, int wanted)
    {
        ArgumentNullException.ThrowIfNull(eligible);
        ArgumentNullException.ThrowIfNull(isLive);
        var holders = current?.Placements.Where(p => isLive(p.Target)).Select(p => p.Target).ToHashSet(StringComparer.Ordinal) ?? [];
        var replica = current?.Placements.Select(p => p.Replica + 1).DefaultIfEmpty(0).Max() ?? 0;
        var placements = eligible
            .Where(m => !holders.Contains(m.Key) && m.Value.FreeBytes >= blockBytes)
            .OrderByDescending(m => m.Value.FreeBytes).ThenBy(m => m.Key, StringComparer.Ordinal)
            .Take(Math.Max(0, wanted - holders.Count))
            .Select((m, i) => new ShardPlacement(m.Key, replica + i, 0, 1, blockBytes, [new ShardPin(cid, recursive)]))
            .ToList();
        if (current is null && placements.Count == 0)
        {
            throw new IpfsKitCapacityException(
                $"cluster {WorkerTopology.RootName}", blockBytes, eligible.Values.Select(m => m.FreeBytes).DefaultIfEmpty(0).Max());
        }

        return new ShardPlan(cid, 1, blockBytes, Math.Max(1, wanted), placements);
    }

    /// <summary>
    /// Places a one-block pin, or brings its plan back to its replication: records the placements of the targets that are
    /// gone (<paramref name="isGone"/>: not alive, and not away for a restart) as stale, applies the missing placements
    /// and returns the plan in force (the caller saves it).
    /// </summary>
    public static async Task<ShardPlan> PlaceAsync(
        MasterPinset pinset, ShardExecutor executor, PinOptions? policy, Cid cid, bool recursive, ShardPlan? current, IReadOnlyDictionary<string, WorkerInfo> byTarget,
        IReadOnlyDictionary<string, IIpfsTransport> targets, Func<string, bool> isGone, IBlockSource origin, int replication, CancellationToken cancellationToken)
    {
        var block = await origin.GetAsync(cid, cancellationToken).ConfigureAwait(false) ?? throw new IpfsKitBlockNotFoundException(cid);
        if (current is not null)
        {
            foreach (var gone in current.Targets.Where(isGone))
            {
                await pinset.RecordStaleAsync(current, gone, cancellationToken).ConfigureAwait(false);
            }

            current = current with { Placements = [.. current.Placements.Where(p => !isGone(p.Target))] };
        }

        var eligible = byTarget.Where(m => MemberTags.HasAll(m.Value.Tags, policy?.RequiredTags)).ToDictionary(StringComparer.Ordinal);
        var (_, wanted) = PinPlacement.Wanted(policy, replication, eligible.Count);
        var more = More(cid, recursive, block.Size, current, eligible, t => !isGone(t), Math.Min(wanted, eligible.Count));
        if (more.Placements.Count > 0)
        {
            (await executor.ExecuteAsync(more, targets, origin, null, cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        }

        return current is null ? more : current.Add(more, t => !isGone(t));
    }
}
