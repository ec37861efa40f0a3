using IpfsKit.Roles.Coordination.Internal;

namespace IpfsKit.Roles.Coordination;

/// <summary>
/// The master's coordination endpoints on the node host (all require the bearer token when one is configured). Bodies
/// and answers are JSON of the coordination records: a host serves them through <see cref="Master.MasterEndpoints"/>,
/// workers and leechers call them through <see cref="MasterLinkClient"/>.
/// </summary>
public static class CoordinationPaths
{
    /// <summary><c>POST</c> a <see cref="WorkerJoinRequest"/>; answers a <see cref="WorkerJoinReply"/>.</summary>
    public const string Join = "/cluster/workers/join";

    /// <summary><c>POST</c> a <see cref="WorkerHeartbeat"/>; answers the <see cref="WorkerInfo"/>, or 404 when the master does not know the worker as alive (join again).</summary>
    public const string Heartbeat = "/cluster/workers/heartbeat";

    /// <summary><c>POST</c> a <see cref="WorkerLeaveRequest"/>; answers 204.</summary>
    public const string Leave = "/cluster/workers/leave";

    /// <summary>
    /// <c>POST</c> a <see cref="WorkerLeaveRequest"/> (its id): decommissions the worker (its ranges are handed to the
    /// others while it still serves, then it is left); answers its <see cref="WorkerInfo"/>, 404 when unknown.
    /// </summary>
    public const string Drain = "/cluster/workers/drain";

    /// <summary><c>GET</c>: every worker the master knows, as <see cref="WorkerInfo"/>s.</summary>
    public const string Workers = "/cluster/workers";

    /// <summary><c>POST</c> a <see cref="ForwardedOperation"/> (a leecher's or app's pin, unpin, add or publish); answers a <see cref="ForwardedOperationReply"/>.</summary>
    public const string Operations = "/cluster/ops";

    /// <summary><c>GET</c>: the master's pinset, as <see cref="MasterPinInfo"/>s.</summary>
    public const string Pins = "/cluster/pins";

    /// <summary>
    /// The header a master sends on every call to its members (<c>1</c>): the member serves it from itself and its own
    /// members only, never asking its master (a composite cluster's reads go up, then down, never round a cycle).
    /// </summary>
    public const string DownOnlyHeader = "X-IpfsKit-Down-Only";

    /// <summary>
    /// Serves what follows in this asynchronous flow as a call carrying <see cref="DownOnlyHeader"/> is served: reads
    /// go to this node and its own members only, never up to its master. A host calls it around a request that carries
    /// the header.
    /// </summary>
    /// <returns>The scope; dispose it when the request ends.</returns>
    public static IDisposable EnterDownOnly() => ReadScope.DownOnly();

    /// <summary><c>GET</c> <c>/cluster/pins/{cid}/plan</c>: the plan in force for a pin (ShardPlanJson), 404 when it has none.</summary>
    public const string PinPlanPrefix = "/cluster/pins/";
}
