using IpfsKit.Errors;
using IpfsKit.Roles.Coordination;
using IpfsKit.Roles.Internal;
using IpfsKit.Transports;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>
/// The report of a master that is a member of a parent master (a sub-cluster's master): its capacity and free bytes are
/// the sums over its alive members, so the parent plans over the sub-cluster as one target of that room; its pins are
/// its pinset's. It refuses a parent whose lineage holds it (a cycle) and keeps the parent's lineage to refuse, in turn,
/// a join of one of its ancestors.
/// </summary>
internal sealed class SubClusterReporter(MasterStore store) : IMemberReporter
{
    public MemberKind Kind => MemberKind.Master;

    public async Task<MemberReport> ReadAsync(IIpfsTransport local, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(local);
        var stat = await local.RepoStatAsync(cancellationToken).ConfigureAwait(false);
        var membership = await store.MembershipAsync(cancellationToken).ConfigureAwait(false);
        var alive = await membership.AliveAsync(cancellationToken).ConfigureAwait(false);
        var pins = await (await store.PinsetAsync(cancellationToken).ConfigureAwait(false)).ListAsync(cancellationToken).ConfigureAwait(false);
        long capacity = 0, free = 0;
        foreach (var member in alive)
        {
            capacity = Math.Min(MemberCapacity.MaxBytes, capacity + member.CapacityBytes);
            free = Math.Min(MemberCapacity.MaxBytes, free + member.FreeBytes);
        }

        return new MemberReport(capacity, free, pins.Count, alive.Count, stat);
    }

    public void Joined(string selfId, WorkerJoinReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Lineage.Contains(selfId, StringComparer.Ordinal))
        {
            throw new IpfsKitOperationRefusedException(
                $"this master ({selfId}) cannot join {reply.WorkerId}'s master: its lineage ({string.Join(" <- ", reply.Lineage)}) holds this master, and a cluster cannot contain itself");
        }

        store.ParentLineage = reply.Lineage;
    }
}
