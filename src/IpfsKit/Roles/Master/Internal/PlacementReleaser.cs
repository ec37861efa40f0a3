using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Sharding;
using IpfsKit.Sharding.Execution;
using IpfsKit.Transports;
using Microsoft.Extensions.Logging;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>
/// Unpins placements the cluster no longer needs: those of removed pins (retired plans) on the alive workers, and those
/// repaired or moved away from a worker (stale) once it is alive again and the plan in force holds every leaf at its
/// replication on alive workers (an old copy is the last one while the new holder is lost). A CID that a plan in force still places on the same
/// worker is never unpinned there: two pins can share blocks (a file and a directory holding it), and a worker pins a
/// CID once whoever asked. Every member where something was unpinned is then asked to collect its garbage
/// (<see cref="MemberCollector"/>), so the released blocks leave its disk.
/// </summary>
internal sealed class PlacementReleaser(MasterPinset pinset, ShardExecutor executor, ILogger logger)
{
    /// <summary>Releases what can be released on <paramref name="alive"/>; what fails is retried next pass.</summary>
    /// <returns>How many retired plans were released everywhere, and how many stale placements were released.</returns>
    public async Task<(int Released, int Reclaimed)> ReleaseAsync(IReadOnlyDictionary<string, IIpfsTransport> alive, CancellationToken cancellationToken)
    {
        var retired = await pinset.ListRetiredAsync(cancellationToken).ConfigureAwait(false);
        var stale = (await pinset.ListStaleAsync(cancellationToken).ConfigureAwait(false))
            .Where(s => s.Placements.Count > 0 && alive.ContainsKey(s.Placements[0].Target)).ToList();
        if (retired.Count == 0 && stale.Count == 0)
        {
            return (0, 0);
        }

        var plans = await pinset.ListPlansAsync(cancellationToken).ConfigureAwait(false);
        var live = plans.SelectMany(plan => plan.Placements.SelectMany(p => p.Pins.Select(pin => (p.Target, Cid: pin.Cid.ToV1())))).ToHashSet();
        var inForce = plans.DistinctBy(p => p.Root).ToDictionary(p => p.Root);
        var unpinned = new HashSet<string>(StringComparer.Ordinal);
        var released = 0;
        foreach (var plan in retired)
        {
            var complete = true;
            foreach (var placement in plan.Placements)
            {
                if (!alive.TryGetValue(placement.Target, out var target))
                {
                    // The worker is dead or gone: release it there if it comes back.
                    await pinset.RecordStaleAsync(plan, placement.Target, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                complete &= await UnpinAsync(plan.Root, placement, target, live, unpinned, cancellationToken).ConfigureAwait(false);
                await executor.ForgetTargetAsync(plan.Root, placement.Target, cancellationToken).ConfigureAwait(false);
            }

            if (complete)
            {
                await pinset.ForgetRetiredAsync(plan.Root, cancellationToken).ConfigureAwait(false);
                released++;
            }
        }

        var reclaimed = 0;
        foreach (var plan in stale)
        {
            if (inForce.TryGetValue(plan.Root, out var current) && current.LiveReplicas(alive.ContainsKey) < current.Replication)
            {
                continue; // a holder of the plan in force is gone (say, a range's new holder died): the old copy stays until repaired
            }

            var name = plan.Placements[0].Target;
            var complete = true;
            foreach (var placement in plan.Placements)
            {
                complete &= await UnpinAsync(plan.Root, placement, alive[name], live, unpinned, cancellationToken).ConfigureAwait(false);
            }

            if (complete)
            {
                await pinset.ForgetStaleAsync(plan.Root, name, cancellationToken).ConfigureAwait(false);
                MasterLog.Reclaimed(logger, name, plan.Root.ToString(), plan.Placements.Sum(p => p.Pins.Count));
                reclaimed++;
            }
        }

        await MemberCollector.CollectAsync(unpinned.Select(name => (name, alive[name])), logger, cancellationToken).ConfigureAwait(false);
        return (released, reclaimed);
    }

    private async Task<bool> UnpinAsync(Cid root, ShardPlacement placement, IIpfsTransport target, HashSet<(string Target, Cid Cid)> live, HashSet<string> unpinned, CancellationToken cancellationToken)
    {
        var complete = true;
        foreach (var pin in placement.Pins.Where(pin => !live.Contains((placement.Target, pin.Cid.ToV1()))))
        {
            try
            {
                await target.UnpinAsync(pin.Cid, pin.Recursive ? PinMode.Recursive : PinMode.Direct, cancellationToken).ConfigureAwait(false);
                unpinned.Add(placement.Target);
            }
            catch (IpfsKitException ex) when (ex is IpfsKitNotPinnedException or IpfsKitRemoteException { ErrorCode: RemoteErrorCode.NotPinned })
            {
                // released before
            }
            catch (IpfsKitException ex)
            {
                MasterLog.ReleaseFailed(logger, root.ToString(), placement.Target, ex);
                complete = false;
            }
        }

        return complete;
    }
}
