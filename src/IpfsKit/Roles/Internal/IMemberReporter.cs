using IpfsKit.Errors;
using IpfsKit.Roles.Coordination;
using IpfsKit.Transports;

namespace IpfsKit.Roles.Internal;

/// <summary>
/// What a member tells its master when it joins and beats: a worker its own store's room; the master of a sub-cluster
/// the sums over its alive members (<see cref="Master.Internal.SubClusterReporter"/>).
/// </summary>
internal interface IMemberReporter
{
    /// <summary>Gets what the member is.</summary>
    MemberKind Kind { get; }

    /// <summary>Reads the member's room now.</summary>
    /// <param name="local">The node's own transport.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The report.</returns>
    Task<MemberReport> ReadAsync(IIpfsTransport local, CancellationToken cancellationToken);

    /// <summary>Takes the master's answer to a join.</summary>
    /// <param name="selfId">This node's id.</param>
    /// <param name="reply">The answer.</param>
    /// <exception cref="IpfsKitOperationRefusedException">Joining would make a cycle (the master's lineage holds this node).</exception>
    void Joined(string selfId, WorkerJoinReply reply);
}

/// <summary>A member's room as reported to its master.</summary>
/// <param name="CapacityBytes">Its capacity (a sub-cluster's: the sum over its alive members).</param>
/// <param name="FreeBytes">Its free bytes (likewise).</param>
/// <param name="Pins">How many pins it holds.</param>
/// <param name="Members">How many alive members it has (0 for a worker).</param>
/// <param name="Local">Its own store's statistics (a worker's collection reads them).</param>
internal readonly record struct MemberReport(long CapacityBytes, long FreeBytes, int Pins, int Members, RepoStat Local);
