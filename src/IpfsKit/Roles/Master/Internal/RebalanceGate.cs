using IpfsKit.Roles.Coordination;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>
/// Whether the membership has settled enough for rebalancing to move ranges: a worker that has not re-joined yet must
/// not look like missing capacity, nor one still joining like free room. Settled means all of: every worker the
/// master knew as alive when it started has beaten since, or been declared dead (after its missed heartbeats, counted
/// from the start, see <see cref="WorkerMembership.OpenedAt"/>); the alive workers (ids, URLs, join times) have stayed
/// the same for <see cref="SettleHeartbeats"/> heartbeat intervals; and no pass in that time declared a worker dead or
/// repaired or failed a pin. One instance lives as long as the master's coordinator. Not thread-safe: passes do not overlap.
/// </summary>
internal sealed class RebalanceGate(TimeProvider time, RolesOptions options)
{
    /// <summary>How many heartbeat intervals the membership must stay unchanged (and the passes quiet) before ranges move.</summary>
    public const int SettleHeartbeats = 2;

    private string? _members;
    private DateTimeOffset _since;

    /// <summary>Records this pass and says why rebalancing must wait, or <see langword="null"/> when it may run.</summary>
    /// <param name="alive">The alive workers of this pass.</param>
    /// <param name="startedAt">When the master's membership was opened (its start).</param>
    /// <param name="unquiet">Whether this pass declared a worker dead, or repaired or failed a pin.</param>
    /// <returns>The reason to wait, or <see langword="null"/>.</returns>
    public string? Check(IReadOnlyList<WorkerInfo> alive, DateTimeOffset startedAt, bool unquiet)
    {
        var now = time.GetUtcNow();
        var members = string.Join(' ', alive.OrderBy(w => w.WorkerId, StringComparer.Ordinal).Select(w => $"{w.WorkerId}@{w.ApiUrl}#{w.JoinedAt.ToUnixTimeMilliseconds()}"));
        if (!string.Equals(members, _members, StringComparison.Ordinal))
        {
            (_members, _since) = (members, now);
            return "the alive workers changed this pass";
        }

        if (unquiet)
        {
            _since = now;
            return "a worker was declared dead, or a pin repaired or failed, this pass";
        }

        if (alive.FirstOrDefault(w => w.LastHeartbeat < startedAt) is { } silent)
        {
            return $"worker {silent.WorkerId} has not beaten since the master started";
        }

        var settle = options.HeartbeatInterval * SettleHeartbeats;
        return now - _since < settle ? $"the membership changed less than {settle.TotalSeconds:0.#} s ago" : null;
    }
}
