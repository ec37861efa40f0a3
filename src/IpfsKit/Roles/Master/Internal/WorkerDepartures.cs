using IpfsKit.Roles.Coordination;
using Microsoft.Extensions.Logging;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>
/// One coordination pass's view of the workers that are going or gone for a while: the away ones (stopped for a restart,
/// within <see cref="RolesOptions.AwayGrace"/>), whose placements count as held, so nothing is repaired, topped up or
/// rebalanced while they are away; and the draining ones, whose ranges the pass repairs onto the others (they are not
/// alive, so their targets count as lost) and which are left once no plan names them.
/// </summary>
internal sealed partial class WorkerDepartures
{
    private readonly HashSet<string> _away;
    private readonly IReadOnlyList<string> _draining;

    private WorkerDepartures(HashSet<string> away, IReadOnlyList<string> draining) => (_away, _draining) = (away, draining);

    /// <summary>Reads the away and draining workers.</summary>
    public static async Task<WorkerDepartures> ReadAsync(WorkerMembership membership, CancellationToken cancellationToken)
    {
        var workers = await membership.ListAsync(cancellationToken).ConfigureAwait(false);
        return new(
            [.. workers.Where(w => w.State == WorkerState.Away).Select(w => w.WorkerId)],
            [.. workers.Where(w => w.State == WorkerState.Draining).Select(w => w.WorkerId)]);
    }

    /// <summary>Gets why rebalancing waits (a worker is away: its load is unknown, and moving ranges would move bytes), or <see langword="null"/>.</summary>
    public string? RebalanceWait => _away.Count == 0 ? null : $"worker {_away.First()} is away (restarting)";

    /// <summary>Whether a plan's target (<c>workerId</c> or <c>zone/workerId</c>) is an away worker: its placements stay.</summary>
    public bool IsAway(string target) => _away.Contains(WorkerOf(target));

    /// <summary>Marks left every draining worker that no plan in force names any more.</summary>
    public async Task CompleteDrainsAsync(WorkerMembership membership, MasterPinset pinset, ILogger logger, CancellationToken cancellationToken)
    {
        if (_draining.Count == 0)
        {
            return;
        }

        var named = (await pinset.ListPlansAsync(cancellationToken).ConfigureAwait(false))
            .SelectMany(p => p.Targets).Select(WorkerOf).ToHashSet(StringComparer.Ordinal);
        foreach (var worker in _draining.Where(w => !named.Contains(w)))
        {
            if (await membership.DrainedAsync(worker, cancellationToken).ConfigureAwait(false))
            {
                Drained(logger, worker);
            }
        }
    }

    private static string WorkerOf(string target) => target[(target.LastIndexOf('/') + 1)..];

    [LoggerMessage(3701, LogLevel.Information, "Worker {WorkerId} is drained: no plan names it any more, it has left")]
    private static partial void Drained(ILogger logger, string workerId);
}
