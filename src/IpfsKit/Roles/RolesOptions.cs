using IpfsKit.Errors;
using IpfsKit.Sharding;
using IpfsKit.Storage;

namespace IpfsKit.Roles;

/// <summary>
/// Options of a node's role (configuration section <c>IpfsKit:Roles</c>): which role, where the master is, how often
/// workers beat, how the master shards, and the leecher's outbox and prefetch list.
/// </summary>
public sealed class RolesOptions
{
    /// <summary>Gets or sets the role. <value>The default value is <see cref="NodeRole.Master"/>.</value></summary>
    public NodeRole Role { get; set; } = NodeRole.Master;

    /// <summary>
    /// Gets or sets the master's URL (its host API root, e.g. <c>http://master:8000</c>); required for workers and
    /// leechers (MASTER_NODE). <value>The default value is <see langword="null"/>.</value>
    /// </summary>
    public Uri? MasterNode { get; set; }

    /// <summary>
    /// Gets or sets the bearer token sent to the master and, by the master, to workers (the cluster's shared API
    /// token, IPFS_KIT_API_TOKEN). <value>The default value is <see langword="null"/>: no Authorization header.</value>
    /// </summary>
    public string? ApiToken { get; set; }

    /// <summary>
    /// Gets or sets the URL at which the master reaches this worker's host API (IPFS_KIT_ADVERTISE_URL).
    /// <value>The default value is <see langword="null"/>: the host's own listening address.</value>
    /// </summary>
    public Uri? AdvertisedUrl { get; set; }

    /// <summary>Gets or sets the worker's failure domain (a sub-cluster of the topology, e.g. a rack or zone). <value>The default value is <see langword="null"/>: one flat cluster.</value></summary>
    public string? Zone { get; set; }

    /// <summary>
    /// Gets or sets the worker's tags, comma-separated (<c>ssd,eu</c>): sent when it joins; a pin may require or prefer
    /// them (<see cref="PinOptions.RequiredTags"/>). <value>The default value is <see langword="null"/>: no tags.</value>
    /// </summary>
    public string? Tags { get; set; }

    /// <summary>
    /// Gets or sets the most members (workers, alive or dead, not left) the master admits: a join beyond it is refused
    /// (409), so no pin's replication can ever be met above it, and a pin whose replication min or max is above it is
    /// refused (400, <see cref="IpfsKitPinPolicyException"/>). At least 1.
    /// <value>The default value is 1,024.</value>
    /// </summary>
    public int MaxMembers { get; set; } = 1024;

    /// <summary>
    /// Gets the stock Kubo daemons (Kubo RPC API endpoints) the master counts as workers of its own: it polls them every
    /// <see cref="HeartbeatInterval"/> and places on them like on any member (IPFS_KIT_KUBO_WORKERS, docs/roles.md).
    /// <value>The default value is empty.</value>
    /// </summary>
    public IList<KuboWorkerEndpoint> KuboWorkers { get; } = [];

    /// <summary>
    /// Gets the IPFS Clusters the master counts as members (sub-clusters): it polls each one's REST API every
    /// <see cref="HeartbeatInterval"/> and places on it through its IPFS proxy and REST API (IPFS_KIT_CLUSTER_MEMBERS, docs/roles.md).
    /// <value>The default value is empty.</value>
    /// </summary>
    public IList<IpfsClusterMemberEndpoint> ClusterMembers { get; } = [];

    /// <summary>Gets or sets the time between a worker's heartbeats and between a leecher's master probes. <value>The default value is 5 seconds.</value></summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets how many heartbeat intervals a worker may miss before the master declares it dead and repairs its ranges. <value>The default value is 3.</value></summary>
    public int MissedHeartbeats { get; set; } = 3;

    /// <summary>
    /// Gets or sets how long a worker that stopped for a restart (a clean stop: SIGTERM, a rolling update, a drained
    /// Kubernetes node) stays <see cref="Coordination.WorkerState.Away"/> before the master counts it dead and repairs its
    /// ranges. Within the grace nothing moves: a worker that joins again with its data folder finds its placements as
    /// they were. <see cref="TimeSpan.Zero"/> repairs at once, as for a leave. Env <c>IPFS_KIT_AWAY_GRACE</c>.
    /// <value>The default value is 5 minutes.</value>
    /// </summary>
    public TimeSpan AwayGrace { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets or sets the worker's garbage-collection high-water mark, as a fraction of its store's budget (MAX_STORAGE,
    /// or MAX_MEMORY without a disk): at each heartbeat, a store fuller than this collects the blocks no pin holds
    /// (as Kubo's <c>Datastore.StorageGCWatermark</c>). Above 0 and at most 1.
    /// <value>The default value is 0.9 (90 %, Kubo's default watermark).</value>
    /// </summary>
    public double GcHighWater { get; set; } = 0.9;

    /// <summary>Gets or sets the largest number of operations the leecher's offline outbox holds. <value>The default value is 10,000.</value></summary>
    public int MaxOfflineQueue { get; set; } = 10_000;

    /// <summary>Gets or sets whether the leecher replays its outbox as soon as the master is reachable. <value>The default value is <see langword="true"/>.</value></summary>
    public bool SyncOnConnect { get; set; } = true;

    /// <summary>Gets or sets CIDs the leecher keeps prefetched in its cache while online. <value>The default value is empty.</value></summary>
    public IList<string> PrioritizedCids { get; } = [];

    /// <summary>
    /// Gets or sets whether the leecher runs disconnected by design (an edge device, OFFLINE_MODE): it talks to the master
    /// only inside sync windows (<see cref="SyncSchedule"/>; never without one), and reads only from its cache outside them.
    /// <value>The default value is <see langword="false"/>: the leecher probes the master every <see cref="HeartbeatInterval"/>.</value>
    /// </summary>
    public bool OfflineMode { get; set; }

    /// <summary>
    /// Gets or sets the leecher's device id (DEVICE_ID): sent with each operation it forwards, so the master records its
    /// pins as <c>forwarded:&lt;id&gt;</c>. 1 to 64 letters, digits, '.', '_' or '-' (<see cref="Leecher.DeviceIds"/>).
    /// <value>The default value is <see langword="null"/>: pins are recorded as <c>forwarded</c>.</value>
    /// </summary>
    public string? DeviceId { get; set; }

    /// <summary>
    /// Gets or sets the leecher's sync schedule (IPFS_KIT_SYNC_SCHEDULE): a cron expression in UTC, five fields
    /// (<c>0 */4 * * *</c>) or six with seconds first; a sync window opens at each occurrence for <see cref="SyncWindow"/>,
    /// and the outbox drains and <see cref="PrioritizedCids"/> refresh only inside one.
    /// <value>The default value is <see langword="null"/>: always (or, with <see cref="OfflineMode"/>, never).</value>
    /// </summary>
    public string? SyncSchedule { get; set; }

    /// <summary>Gets or sets how long a sync window stays open (IPFS_KIT_SYNC_WINDOW). <value>The default value is 5 minutes.</value></summary>
    public TimeSpan SyncWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the master's link threshold: a DAG with more links is split across workers. <value>The default value is 8,000.</value></summary>
    public int LinkThreshold { get; set; } = new ShardingOptions().LinkThreshold;

    /// <summary>Gets or sets how many workers hold each block. <value>The default value is 1.</value></summary>
    public int Replication { get; set; } = 1;

    /// <summary>
    /// Gets or sets what the master keeps of a DAG it ingested once every range of it is placed and verified at the
    /// pin's replication: it then drops the rest from its store and reads it from the workers.
    /// <value>The default value is <see cref="Roles.MasterKeeps.InteriorNodes"/>.</value>
    /// </summary>
    public MasterKeeps MasterKeeps { get; set; } = MasterKeeps.InteriorNodes;

    /// <summary>
    /// Gets or sets the master's spool budget: an add through the master starts only while the master's store holds less
    /// than this (ingested content not yet placed, plus the interior nodes it keeps), and adds run one at a time, so
    /// ingest waits for placement instead of filling the master's disk. Zero: no budget (adds are neither gated nor
    /// serialised).
    /// <value>The default value is <see cref="ByteSize.Zero"/>.</value>
    /// </summary>
    public ByteSize SpoolBudget { get; set; }

    /// <summary>
    /// Gets or sets how fast the master may move placed ranges between workers to even their loads (a worker joined,
    /// came back, or its free space changed): each placement pass moves at most this times
    /// <see cref="HeartbeatInterval"/> bytes (ranges are cut to fit; one that cannot be moves whole), so rebalancing never
    /// starves ingest, and only once the membership has settled (docs/roles.md, "Rebalancing"). Zero: no rebalancing.
    /// <value>The default value is 50 MiB (per second).</value>
    /// </summary>
    public ByteSize RebalanceBytesPerSecond { get; set; } = ByteSize.FromMebibytes(50);

    /// <summary>Gets or sets the smallest range (bytes) the master gives one worker. <value>The default value is 64 MiB.</value></summary>
    public long MinRangeBytes { get; set; } = new ShardingOptions().MinRangeBytes;

    /// <summary>Gets the planner options these settings stand for.</summary>
    /// <returns>The sharding options.</returns>
    public ShardingOptions ToShardingOptions() =>
        new() { LinkThreshold = LinkThreshold, Replication = Replication, MinRangeBytes = MinRangeBytes };
}
