using IpfsKit.Roles.Coordination;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>
/// How the master weighs its sub-cluster members when it rebalances: a sub-cluster that loses members repairs their
/// ranges inside itself (healing at the right level), so the parent must not read its shrunken room as a reason to pull
/// ranges out of it across clusters. While a sub-cluster's master stays alive, its capacity lost since the most it
/// reported is counted as still free for the rebalancing weights only (placement and repair use the room it reports).
/// Ranges still move onto capacity that joins. Workers are weighed as they report. Not thread-safe: passes do not overlap.
/// </summary>
internal sealed class SubClusterWeights
{
    private readonly Dictionary<string, long> _peaks = new(StringComparer.Ordinal);

    /// <summary>The alive members as the rebalancing weighs them.</summary>
    public IReadOnlyList<WorkerInfo> Weigh(IReadOnlyList<WorkerInfo> alive)
    {
        ArgumentNullException.ThrowIfNull(alive);
        foreach (var gone in _peaks.Keys.Where(id => !alive.Any(w => w.WorkerId == id)).ToList())
        {
            _peaks.Remove(gone); // dead or left: a sub-cluster that comes back is weighed afresh
        }

        return [.. alive.Select(member =>
        {
            if (member.Kind != MemberKind.Master)
            {
                return member;
            }

            var peak = Math.Max(_peaks.GetValueOrDefault(member.WorkerId), member.CapacityBytes);
            _peaks[member.WorkerId] = peak;
            return member with { FreeBytes = Math.Min(MemberCapacity.MaxBytes, member.FreeBytes + (peak - member.CapacityBytes)) };
        })];
    }
}
