using IpfsKit.Roles.Coordination;
using IpfsKit.Sharding;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>
/// The bytes the master placed on each member since the member's last heartbeat: its reported free bytes do not show
/// them yet, so the master takes them off itself. Pins planned one after the other (a sub-cluster's master receives its
/// range as many pins, over several passes) are then spread by the room really left, not all given to the member that
/// looked the emptiest at its last beat. An entry ends with the member's next heartbeat (which counts it) or its death.
/// One instance lives as long as the coordinator. Not thread-safe: passes do not overlap.
/// </summary>
internal sealed class PlacementLedger(TimeProvider time)
{
    private readonly List<Entry> _entries = [];

    /// <summary>Records the placements of <paramref name="after"/> that <paramref name="before"/> did not have.</summary>
    public void Record(IReadOnlyDictionary<string, WorkerInfo> byTarget, ShardPlan? before, ShardPlan after)
    {
        ArgumentNullException.ThrowIfNull(byTarget);
        ArgumentNullException.ThrowIfNull(after);
        var had = before?.Placements.Select(Key).ToHashSet() ?? [];
        var now = time.GetUtcNow();
        foreach (var placement in after.Placements.Where(p => !had.Contains(Key(p))))
        {
            if (byTarget.TryGetValue(placement.Target, out var member))
            {
                _entries.Add(new Entry(member.WorkerId, placement.Bytes, now));
            }
        }
    }

    /// <summary>The alive members with the bytes placed on them since their last heartbeat taken off their free bytes.</summary>
    public List<WorkerInfo> Apply(IReadOnlyList<WorkerInfo> alive)
    {
        ArgumentNullException.ThrowIfNull(alive);
        var beats = alive.ToDictionary(w => w.WorkerId, w => w.LastHeartbeat, StringComparer.Ordinal);
        _entries.RemoveAll(e => !beats.TryGetValue(e.Member, out var beat) || beat > e.At);
        var pending = _entries.GroupBy(e => e.Member, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(e => e.Bytes), StringComparer.Ordinal);
        return [.. alive.Select(w => pending.TryGetValue(w.WorkerId, out var bytes) ? w with { FreeBytes = Math.Max(0, w.FreeBytes - bytes) } : w)];
    }

    private static (string, int, long, long) Key(ShardPlacement p) => (p.Target, p.Replica, p.FirstLeaf, p.LeafCount);

    private sealed record Entry(string Member, long Bytes, DateTimeOffset At);
}
