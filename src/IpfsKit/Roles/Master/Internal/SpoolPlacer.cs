using IpfsKit.Blocks;
using IpfsKit.Errors;
using IpfsKit.Sharding;
using IpfsKit.Sharding.Execution;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>
/// Places a round of complete subtrees of an add in progress on the alive workers, each recursively, the round on
/// min(<see cref="RolesOptions.Replication"/>, alive workers) distinct workers (other zones first), the one with the most
/// room for its fair share first: a worker's share of the add is proportional to the free bytes it had when the add's
/// first round was placed. A round is recorded in the pinset (a plan rooted at its first subtree) before it is sent,
/// then sent and verified by the <see cref="ShardExecutor"/>. Not thread-safe: one add's rounds run one at a time.
/// </summary>
internal sealed class SpoolPlacer(MasterStore store, WorkerTransports workers, string addId)
{
    private readonly Dictionary<string, long> _freeAtStart = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _given = new(StringComparer.Ordinal);

    /// <summary>Places the subtrees, sending their blocks from <paramref name="origin"/>.</summary>
    /// <returns>Where each subtree now is.</returns>
    /// <exception cref="IpfsKitCapacityException">No alive worker has room for a subtree.</exception>
    /// <exception cref="IpfsKitRemoteException">A worker failed to take or verify a subtree (the round is tried again).</exception>
    public async Task<List<SubtreePlacement>> PlaceAsync(IReadOnlyList<SpoolItem> items, IBlockSource origin, CancellationToken cancellationToken)
    {
        var membership = await store.MembershipAsync(cancellationToken).ConfigureAwait(false);
        var pinset = await store.PinsetAsync(cancellationToken).ConfigureAwait(false);
        var executor = await store.ExecutorAsync(cancellationToken).ConfigureAwait(false);
        var (_, byTarget) = WorkerTopology.Build(await membership.AliveAsync(cancellationToken).ConfigureAwait(false));
        var targets = byTarget.ToDictionary(t => t.Key, t => workers.Get(t.Value), StringComparer.Ordinal);
        foreach (var (id, worker) in byTarget)
        {
            _freeAtStart.TryAdd(id, Math.Max(1, worker.FreeBytes));
        }

        var replication = Math.Clamp(store.Options.Replication, 1, Math.Max(1, byTarget.Count));
        var bytes = items.Sum(i => i.Bytes);
        var leaves = items.Sum(i => (long)i.Leaves.Count);
        var chosen = Choose(bytes, byTarget, replication);
        IReadOnlyList<ShardPin> pins = [.. items.Select(i => new ShardPin(i.Root, true))];
        var plan = new ShardPlan(items[0].Root, leaves, bytes, chosen.Count,
            [.. chosen.Select((t, k) => new ShardPlacement(t, k, 0, leaves, bytes, pins))]);
        await pinset.Spool.RecordAsync(addId, plan, cancellationToken).ConfigureAwait(false);
        (await executor.ExecuteAsync(plan, targets, origin, null, cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        foreach (var target in chosen)
        {
            _given[target] = _given.GetValueOrDefault(target) + bytes;
        }

        return [.. items.SelectMany(i => chosen.Select((t, k) => new SubtreePlacement(i.Root, t, k, i.Bytes)))];
    }

    private List<string> Choose(long bytes, Dictionary<string, Coordination.WorkerInfo> alive, int replication)
    {
        var chosen = new List<string>();
        var zones = new HashSet<string?>();
        for (var k = 0; k < replication; k++)
        {
            var best = alive
                .Where(w => !chosen.Contains(w.Key) && w.Value.FreeBytes >= bytes)
                .OrderBy(w => zones.Contains(w.Value.Zone) ? 1 : 0)
                .ThenBy(w => (double)(_given.GetValueOrDefault(w.Key) + bytes) / _freeAtStart.GetValueOrDefault(w.Key, 1))
                .ThenBy(w => w.Key, StringComparer.Ordinal)
                .Select(w => w.Key)
                .FirstOrDefault();
            if (best is null)
            {
                break;
            }

            chosen.Add(best);
            zones.Add(alive[best].Zone);
        }

        return chosen.Count > 0 ? chosen : throw new IpfsKitCapacityException("the master's workers", bytes, alive.Values.Select(w => w.FreeBytes).DefaultIfEmpty(0).Max());
    }
}
