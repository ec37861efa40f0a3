using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Roles.Coordination;
using IpfsKit.Sharding.Execution;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>
/// Where the master reads the blocks it does not hold (leaves it dropped after placement, see <see cref="LeafDropper"/>):
/// a <see cref="ClusterBlockSource"/> over every plan in force and the alive (and draining) workers, asking only the workers whose
/// placements hold a block (a worker asks its master for what it lacks, so asking any other would come back here).
/// After the holders of the plans in force, the workers whose stale placements (moved or repaired away, not yet
/// released) hold the block are asked. Every block is verified; the master's tiered store caches it in memory
/// (<see cref="MasterTransportPolicy"/>).
/// </summary>
/// <remarks>
/// The holders are learnt from the plans and, below recursive pins, from the interior nodes the master keeps. The
/// source is rebuilt after a coordination pass that changed a plan or the alive workers (<see cref="Invalidate"/>), and
/// on a miss when the pinset's plans or stale placements were written since it was built, the alive workers differ,
/// or it is older than a heartbeat interval: a range moved (or repaired) while a read runs is then asked of its new
/// holders, and a holder that fails or lacks a block is passed over for the next. Thread-safe.
/// </remarks>
internal sealed class MasterBlockSource(MasterStore store, WorkerTransports workers) : IBlockSource, IDisposable
{
    private readonly SemaphoreSlim _build = new(1, 1);
    private IBlockSource? _interior;
    private Built? _current;

    /// <summary>Gives the master's own tiers (never this source), from which the holders of leaves are learnt.</summary>
    public void Attach(IBlockSource interior) => _interior = interior;

    /// <summary>Makes the next read rebuild the holders from the pinset and the membership.</summary>
    public void Invalidate() => Volatile.Write(ref _current, null);

    public void Dispose() => _build.Dispose();

    public async ValueTask<Block?> GetAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        var built = await CurrentAsync(cancellationToken).ConfigureAwait(false);
        if (await ReadAsync(built, cid, cancellationToken).ConfigureAwait(false) is { } block)
        {
            return block;
        }

        if (!await OutdatedAsync(built, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        // Re-resolve: the holders changed since the source was built (a move, a repair, a worker joined or died).
        Interlocked.CompareExchange(ref _current, null, built);
        return await ReadAsync(await CurrentAsync(cancellationToken).ConfigureAwait(false), cid, cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask<Block?> ReadAsync(Built built, Cid cid, CancellationToken cancellationToken) =>
        await built.Source.GetAsync(cid, cancellationToken).ConfigureAwait(false)
        ?? await built.Stale.GetAsync(cid, cancellationToken).ConfigureAwait(false);

    private async Task<bool> OutdatedAsync(Built built, CancellationToken cancellationToken)
    {
        if (store.Time.GetUtcNow() - built.At >= store.Options.HeartbeatInterval
            || (await store.PinsetAsync(cancellationToken).ConfigureAwait(false)).Revision != built.Revision)
        {
            return true;
        }

        var alive = await (await store.MembershipAsync(cancellationToken).ConfigureAwait(false)).ServingAsync(cancellationToken).ConfigureAwait(false);
        return !Members(alive).Equals(built.Members, StringComparison.Ordinal);
    }

    private async Task<Built> CurrentAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _current) is { } ready)
        {
            return ready;
        }

        await _build.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _current) is { } built)
            {
                return built;
            }

            var fresh = await BuildAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _current, fresh);
            return fresh;
        }
        finally
        {
            _build.Release();
        }
    }

    private async Task<Built> BuildAsync(CancellationToken cancellationToken)
    {
        var pinset = await store.PinsetAsync(cancellationToken).ConfigureAwait(false);
        var membership = await store.MembershipAsync(cancellationToken).ConfigureAwait(false);
        var revision = pinset.Revision;
        var plans = await pinset.ListPlansAsync(cancellationToken).ConfigureAwait(false);
        var stale = await pinset.ListStaleAsync(cancellationToken).ConfigureAwait(false);

        var alive = await membership.ServingAsync(cancellationToken).ConfigureAwait(false); // a draining worker serves its ranges until handed over
        var (_, byTarget) = WorkerTopology.Build(alive);
        var targets = byTarget.ToDictionary(t => t.Key, t => workers.Get(t.Value), StringComparer.Ordinal);

        // The plans in force first; the stale placements only when no holder of those gave the block.
        var options = new ClusterBlockSourceOptions { AskOtherTargets = false, TimeProvider = store.Time };
        var inForce = new ClusterBlockSource(plans, targets, options);
        var moved = new ClusterBlockSource(stale, targets, options);
        if (_interior is { } interior)
        {
            await inForce.LearnAsync(interior, cancellationToken).ConfigureAwait(false);
            await moved.LearnAsync(interior, cancellationToken).ConfigureAwait(false);
        }

        return new Built(inForce, moved, store.Time.GetUtcNow(), revision, Members(alive));
    }

    private static string Members(IReadOnlyList<WorkerInfo> alive) => string.Join(' ', alive.Select(w => $"{w.WorkerId}@{w.ApiUrl}"));

    private sealed record Built(IBlockSource Source, IBlockSource Stale, DateTimeOffset At, long Revision, string Members);
}
