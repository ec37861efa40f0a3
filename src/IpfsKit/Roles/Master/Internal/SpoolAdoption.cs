using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Sharding;
using IpfsKit.Transports;
using IpfsKit.Transports.Embedded;
using Microsoft.Extensions.Logging;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>
/// The end of a streamed add (<see cref="AddSpool"/>), root by root: the master keeps the root's interior nodes (direct
/// pins and interior holds, as <see cref="LeafDropper"/> leaves a placed pin), and the pin is written placed with a plan
/// that adopts the subtrees placed while the add ran (<see cref="ShardPlanner.Adopt"/>), those marked done for the
/// executor; replicas they lack are sent at once from the workers holding them, or left to the coordinator's top-up.
/// </summary>
internal static class SpoolAdoption
{
    /// <summary>Pins a root of the add on the cluster: its interior nodes kept on the master, its plan adopting the placed subtrees.</summary>
    /// <returns>Whether the plan was written (else the pin had one already).</returns>
    public static async Task<bool> AdoptAsync(
        MasterStore store, WorkerTransports workers, MasterBlockSource reads, ILogger logger, EmbeddedTransport node, string addId,
        IReadOnlyList<SubtreePlacement> placed, Cid root, CancellationToken cancellationToken)
    {
        var pinset = await store.PinsetAsync(cancellationToken).ConfigureAwait(false);
        var outline = await DagOutlineReader.ReadAsync(node.Blocks.Local, root, cancellationToken).ConfigureAwait(false);
        var interior = outline.Nodes.Keys.ToList();
        await pinset.RecordInteriorAsync(root, interior, cancellationToken).ConfigureAwait(false);
        foreach (var block in interior)
        {
            await node.PinAsync(block, PinMode.Direct, cancellationToken).ConfigureAwait(false);
        }

        var membership = await store.MembershipAsync(cancellationToken).ConfigureAwait(false);
        var (topology, byTarget) = WorkerTopology.Build(await membership.AliveAsync(cancellationToken).ConfigureAwait(false));
        var plan = ShardPlanner.Adopt(outline, placed, topology, store.Options.ToShardingOptions());
        var subtrees = placed.Select(p => (p.Target, p.Subtree)).ToHashSet();
        var adopted = plan.Placements.Where(p => p.Pins.All(pin => pin.Recursive && subtrees.Contains((p.Target, pin.Cid)))).ToList();
        var kept = plan with { Placements = adopted };
        kept = kept with { Replication = Math.Max(1, kept.LiveReplicas(byTarget.ContainsKey)) };
        var executor = await store.ExecutorAsync(cancellationToken).ConfigureAwait(false);
        if (!await pinset.Pins.AdoptAsync(root, kept, cancellationToken).ConfigureAwait(false))
        {
            return false; // pinned and planned before: its placements stay, this add's are released with its spool rows
        }

        await executor.MarkDoneAsync(root, adopted).ConfigureAwait(false);
        MasterLog.SpoolAdopted(logger, addId, root.ToString(), adopted.Count, kept.Replication);
        if (adopted.Count < plan.Placements.Count)
        {
            // Replicas the placed subtrees lack (a worker died mid-add): sent now from the workers holding them; left to
            // the coordinator's top-up should that fail.
            reads.Invalidate();
            var targets = byTarget.ToDictionary(t => t.Key, t => workers.Get(t.Value), StringComparer.Ordinal);
            try
            {
                (await executor.ExecuteAsync(plan, targets, node.Blocks, null, cancellationToken).ConfigureAwait(false)).EnsureSuccess();
                await pinset.SetPlacedAsync(root, plan, cancellationToken).ConfigureAwait(false);
            }
            catch (IpfsKitException ex)
            {
                MasterLog.SubtreesFailed(logger, addId, ex);
            }
        }

        return true;
    }
}
