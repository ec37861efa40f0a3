namespace IpfsKit.IpfsCluster;

/// <summary>
/// The state of a CID on one cluster peer, as IPFS Cluster's pin tracker reports it. Flags, so a filter can name several
/// (the bits follow <c>TrackerStatus</c> in ipfs-cluster <c>api/types.go</c>; the JSON names are its <c>trackerStatusString</c>).
/// </summary>
[Flags]
public enum IpfsClusterTrackerStatus
{
    /// <summary>Not known (<c>undefined</c>, or a name this client does not know).</summary>
    Undefined = 0,

    /// <summary><c>cluster_error</c>: the peer could not be asked.</summary>
    ClusterError = 1 << 0,

    /// <summary><c>pin_error</c>: pinning failed on the peer's IPFS daemon.</summary>
    PinError = 1 << 1,

    /// <summary><c>unpin_error</c>: unpinning failed.</summary>
    UnpinError = 1 << 2,

    /// <summary><c>pinned</c>: the peer's IPFS daemon holds the pin.</summary>
    Pinned = 1 << 3,

    /// <summary><c>pinning</c>: the daemon is pinning it now.</summary>
    Pinning = 1 << 4,

    /// <summary><c>unpinning</c>: the daemon is unpinning it now.</summary>
    Unpinning = 1 << 5,

    /// <summary><c>unpinned</c>: the daemon does not pin it.</summary>
    Unpinned = 1 << 6,

    /// <summary><c>remote</c>: tracked by the cluster but allocated to other peers.</summary>
    Remote = 1 << 7,

    /// <summary><c>pin_queued</c>: waiting to be pinned.</summary>
    PinQueued = 1 << 8,

    /// <summary><c>unpin_queued</c>: waiting to be unpinned.</summary>
    UnpinQueued = 1 << 9,

    /// <summary><c>sharded</c>: held through a sharded cluster DAG, not this CID.</summary>
    Sharded = 1 << 10,

    /// <summary><c>unexpectedly_unpinned</c>: should be pinned but is neither pinned nor queued.</summary>
    UnexpectedlyUnpinned = 1 << 11,

    /// <summary><c>error</c>: any of the three errors.</summary>
    Error = ClusterError | PinError | UnpinError,

    /// <summary><c>queued</c>: queued for pinning or unpinning.</summary>
    Queued = PinQueued | UnpinQueued,
}
