using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Roles.Coordination;
using IpfsKit.Sharding;
using IpfsKit.Transports;
using IpfsKit.Transports.Embedded;
using Microsoft.Extensions.Logging;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>
/// Ends the spool of what the master ingested: once a pin is placed and verified at its replication, the master's
/// local recursive pin of it is replaced by direct pins of its interior nodes (<see cref="MasterKeeps.InteriorNodes"/>,
/// recorded in <c>master.db</c> so that a node shared by two pins stays while either does) or by nothing
/// (<see cref="MasterKeeps.Nothing"/>), and the blocks no local pin holds any more are deleted from the master's
/// store. Reads of them then go through the workers (<see cref="MasterBlockSource"/>).
/// </summary>
/// <remarks>
/// A pin is spooled while the master's node holds it recursively; that pin is what the coordinator checks each pass, so
/// a restart resumes where a drop stopped: interior holds are written first, then the direct pins, then the recursive
/// pin is removed, then the blocks are deleted (a crash before the deletion leaves them unpinned, to be collected).
/// </remarks>
internal sealed class LeafDropper(MasterStore store, ILogger<LeafDropper> logger)
{
    /// <summary>Drops the leaves of every pin placed at its replication that the master still spools.</summary>
    /// <returns>How many pins were dropped.</returns>
    public async Task<int> DropPlacedAsync(IIpfsTransport? local, CancellationToken cancellationToken)
    {
        if (store.Options.MasterKeeps == MasterKeeps.Everything || local is not EmbeddedTransport node)
        {
            return 0;
        }

        var spooled = new HashSet<Cid>();
        await foreach (var pin in node.ListPinsAsync(PinMode.Recursive, cancellationToken).ConfigureAwait(false))
        {
            spooled.Add(pin.Cid.ToV1());
        }

        var pinset = await store.PinsetAsync(cancellationToken).ConfigureAwait(false);
        var membership = await store.MembershipAsync(cancellationToken).ConfigureAwait(false);
        var (_, alive) = WorkerTopology.Build(await membership.AliveAsync(cancellationToken).ConfigureAwait(false));
        var dropped = 0;
        foreach (var pin in await pinset.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            var cid = Cid.Parse(pin.Cid);
            if (pin.State != MasterPinState.Placed || pin.Mode != PinMode.Recursive || !spooled.Contains(cid.ToV1())
                || await pinset.GetPlanAsync(cid, cancellationToken).ConfigureAwait(false) is not { } plan
                || ReplicationStatus.Describe(pin with { Plan = plan }, alive, store.Options.Replication) is not { LiveReplicas: { } live } described
                || live < described.WantedReplicas)
            {
                continue; // not placed yet, or fewer live replicas than the pin's minimum (its policy's, else Replication): the master's copy is still needed
            }

            try
            {
                await DropAsync(node, pinset, cid, cancellationToken).ConfigureAwait(false);
                dropped++;
            }
            catch (IpfsKitException ex)
            {
                MasterLog.DropFailed(logger, pin.Cid, ex);
            }
        }

        return dropped;
    }

    /// <summary>Stops keeping the interior nodes of a removed pin that no other pin's interior holds name.</summary>
    public async Task ReleaseAsync(IIpfsTransport local, Cid root, CancellationToken cancellationToken)
    {
        var pinset = await store.PinsetAsync(cancellationToken).ConfigureAwait(false);
        foreach (var block in await pinset.ReleaseInteriorAsync(root, cancellationToken).ConfigureAwait(false))
        {
            if (await pinset.GetAsync(block, cancellationToken).ConfigureAwait(false) is not null)
            {
                continue; // also a pin of its own
            }

            try
            {
                await local.UnpinAsync(block, PinMode.Direct, cancellationToken).ConfigureAwait(false);
            }
            catch (IpfsKitNotPinnedException)
            {
                // The root's direct pin went with the unpin that asked for this release.
            }
        }
    }

    private async Task DropAsync(EmbeddedTransport node, MasterPinset pinset, Cid root, CancellationToken cancellationToken)
    {
        var before = node.Blocks.GetStatistics()[^1].Bytes;
        var outline = await DagOutlineReader.ReadAsync(node.Blocks.Local, root, cancellationToken).ConfigureAwait(false);
        var interior = outline.Nodes.Keys.ToList();
        List<Cid> leaves = interior.Count == 0
            ? [root]
            : [.. outline.Nodes.Values.SelectMany(n => n.Links).Select(l => l.Cid).Where(c => !outline.Nodes.ContainsKey(c)).Distinct()];
        var keep = store.Options.MasterKeeps == MasterKeeps.InteriorNodes ? interior : [];
        if (keep.Count > 0)
        {
            await pinset.RecordInteriorAsync(root, keep, cancellationToken).ConfigureAwait(false);
        }

        foreach (var block in keep.Where(b => b != root))
        {
            await node.PinAsync(block, PinMode.Direct, cancellationToken).ConfigureAwait(false);
        }

        await node.UnpinAsync(root, PinMode.Recursive, cancellationToken).ConfigureAwait(false);
        if (keep.Contains(root))
        {
            await node.PinAsync(root, PinMode.Direct, cancellationToken).ConfigureAwait(false);
        }

        var keeper = node.Blocks.Disk ?? node.Blocks.Memory!;
        var deleted = 0;
        foreach (var block in keep.Count > 0 ? leaves : [.. leaves, .. interior])
        {
            if (!keeper.IsPinned(block) && await node.Blocks.DeleteAsync(block, cancellationToken).ConfigureAwait(false))
            {
                deleted++;
            }
        }

        MasterLog.LeavesDropped(logger, root.ToString(), deleted, before - node.Blocks.GetStatistics()[^1].Bytes, keep.Count);
    }
}
