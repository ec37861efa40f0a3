using IpfsKit.Roles.Coordination;
using IpfsKit.Sharding;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>
/// The bytes the plans in force give each member, and the room the master plans with: the least of what the member
/// last reported free and its capacity less those bytes, less what the pass placed on it since it began. A heartbeat lags the placements made since it was measured;
/// the plans do not. So pins planned one after the other (a sub-cluster's master receives its share as many pins, over
/// several passes) are spread by the room really left, whatever the heartbeats' timing; what the member stores beyond
/// the plans (stale placements not yet collected, a read cache) still counts through its report. A member that states
/// no capacity is planned with what it reports. One instance a coordination pass.
/// </summary>
internal sealed class PlannedLoads
{
    private readonly Dictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _charged = new(StringComparer.Ordinal);

    /// <summary>The loads of the plans in force.</summary>
    public static PlannedLoads Of(IEnumerable<ShardPlan> plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        var loads = new PlannedLoads();
        foreach (var plan in plans)
        {
            loads.Count(plan.Placements);
        }

        return loads;
    }

    /// <summary>
    /// Charges the placements of <paramref name="after"/> that <paramref name="before"/> did not have (a plan just
    /// applied in this pass): they are taken off the room computed at the pass's start, whichever bound it was.
    /// </summary>
    public void Add(ShardPlan? before, ShardPlan after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var had = before?.Placements.Select(Key).ToHashSet() ?? [];
        foreach (var placement in after.Placements.Where(p => !had.Contains(Key(p))))
        {
            var member = Member(placement.Target);
            _charged[member] = _charged.GetValueOrDefault(member) + placement.Bytes;
        }
    }

    /// <summary>
    /// The alive members, each with the least of its reported free bytes and its capacity less the plans' load at the
    /// pass's start, less what this pass placed on it since.
    /// </summary>
    public List<WorkerInfo> Apply(IReadOnlyList<WorkerInfo> alive)
    {
        ArgumentNullException.ThrowIfNull(alive);
        return [.. alive.Select(w =>
        {
            var room = w.CapacityBytes > 0 && _bytes.TryGetValue(w.WorkerId, out var load) ? Math.Min(w.FreeBytes, w.CapacityBytes - load) : w.FreeBytes;
            return w with { FreeBytes = Math.Max(0, room - _charged.GetValueOrDefault(w.WorkerId)) };
        })];
    }

    private void Count(IEnumerable<ShardPlacement> placements)
    {
        foreach (var placement in placements)
        {
            var member = Member(placement.Target);
            _bytes[member] = _bytes.GetValueOrDefault(member) + placement.Bytes;
        }
    }

    /// <summary>A target id is the member's id, or zone/id.</summary>
    private static string Member(string target) => target[(target.LastIndexOf('/') + 1)..];

    private static (string, int, long, long) Key(ShardPlacement p) => (p.Target, p.Replica, p.FirstLeaf, p.LeafCount);
}
