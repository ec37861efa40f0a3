using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Sharding;
using IpfsKit.Transports;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>
/// Where the master reads the blocks it does not hold (leaves it dropped after placement, see <see cref="LeafDropper"/>):
/// a <see cref="ClusterBlockSource"/> over every plan in force and the alive workers, asking only the workers whose
/// placements hold a block (a worker asks its master for what it lacks, so asking any other would come back here).
/// Every block is verified; the master's tiered store caches it in memory (<see cref="MasterTransportPolicy"/>).
/// </summary>
/// <remarks>
/// The holders are learnt from the plans and, below recursive pins, from the interior nodes the master keeps. The
/// source is rebuilt after a coordination pass that changed a plan or the alive workers (<see cref="Invalidate"/>), and
/// once on a miss when it is older than a heartbeat interval. Thread-safe.
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
        if (await built.Source.GetAsync(cid, cancellationToken).ConfigureAwait(false) is { } block)
        {
            return block;
        }

        if (store.Time.GetUtcNow() - built.At < store.Options.HeartbeatInterval)
        {
            return null;
        }

        Interlocked.CompareExchange(ref _current, null, built);
        return await (await CurrentAsync(cancellationToken).ConfigureAwait(false)).Source.GetAsync(cid, cancellationToken).ConfigureAwait(false);
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

            var fresh = new Built(await BuildAsync(cancellationToken).ConfigureAwait(false), store.Time.GetUtcNow());
            Volatile.Write(ref _current, fresh);
            return fresh;
        }
        finally
        {
            _build.Release();
        }
    }

    private async Task<ClusterBlockSource> BuildAsync(CancellationToken cancellationToken)
    {
        var pinset = await store.PinsetAsync(cancellationToken).ConfigureAwait(false);
        var membership = await store.MembershipAsync(cancellationToken).ConfigureAwait(false);
        var plans = await pinset.ListPlansAsync(cancellationToken).ConfigureAwait(false);

        var (_, byTarget) = WorkerTopology.Build(await membership.AliveAsync(cancellationToken).ConfigureAwait(false));
        var targets = byTarget.ToDictionary(t => t.Key, t => workers.Get(t.Value), StringComparer.Ordinal);
        var source = new ClusterBlockSource(plans, targets, new ClusterBlockSourceOptions { AskOtherTargets = false, TimeProvider = store.Time });
        if (_interior is { } interior)
        {
            await source.LearnAsync(interior, cancellationToken).ConfigureAwait(false);
        }

        return source;
    }

    private sealed record Built(IBlockSource Source, DateTimeOffset At);
}
