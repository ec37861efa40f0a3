using IpfsKit.Transports;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>
/// The coordinator's step after each pass: the reads through the workers learn the plans the pass changed, then the
/// master drops the leaves of the pins now placed at their replication, retires what was placed for adds that did not
/// finish (a crash) for the next pass to release, and wakes an add waiting for room in the spool.
/// </summary>
internal sealed class MasterSpoolStep(LeafDropper dropper, MasterBlockSource reads, SpoolGate spool)
{
    private int _alive = -1;

    public async Task AfterPassAsync(MasterPassResult result, IIpfsTransport? local, CancellationToken cancellationToken)
    {
        var alive = Interlocked.Exchange(ref _alive, result.AliveWorkers);
        if (alive != result.AliveWorkers || result.DeadWorkers.Count > 0 || result.Placed > 0 || result.Repaired > 0 || result.Released > 0 || result.Reclaimed > 0 || result.RebalancedBytes > 0)
        {
            reads.Invalidate();
        }

        await dropper.DropPlacedAsync(local, cancellationToken).ConfigureAwait(false);
        await spool.AbandonAsync(cancellationToken).ConfigureAwait(false);
        spool.Signal();
    }
}
