namespace IpfsKit.IpfsCluster.Internal;

/// <summary>The wire names of tracker statuses and pin types (<c>trackerStatusString</c>, <c>PinType.String</c> in ipfs-cluster <c>api/types.go</c>).</summary>
internal static class IpfsClusterNames
{
    private static readonly (IpfsClusterTrackerStatus Status, string Name)[] Statuses =
    [
        (IpfsClusterTrackerStatus.ClusterError, "cluster_error"),
        (IpfsClusterTrackerStatus.PinError, "pin_error"),
        (IpfsClusterTrackerStatus.UnpinError, "unpin_error"),
        (IpfsClusterTrackerStatus.Pinned, "pinned"),
        (IpfsClusterTrackerStatus.Pinning, "pinning"),
        (IpfsClusterTrackerStatus.Unpinning, "unpinning"),
        (IpfsClusterTrackerStatus.Unpinned, "unpinned"),
        (IpfsClusterTrackerStatus.Remote, "remote"),
        (IpfsClusterTrackerStatus.PinQueued, "pin_queued"),
        (IpfsClusterTrackerStatus.UnpinQueued, "unpin_queued"),
        (IpfsClusterTrackerStatus.Sharded, "sharded"),
        (IpfsClusterTrackerStatus.UnexpectedlyUnpinned, "unexpectedly_unpinned"),
    ];

    private static readonly (IpfsClusterPinTypes Type, string Name)[] PinTypes =
    [
        (IpfsClusterPinTypes.Pin, "pin"),
        (IpfsClusterPinTypes.MetaPin, "meta-pin"),
        (IpfsClusterPinTypes.ClusterDag, "clusterdag-pin"),
        (IpfsClusterPinTypes.Shard, "shard-pin"),
    ];

    public static IpfsClusterTrackerStatus ParseStatus(string? name) => name switch
    {
        "error" => IpfsClusterTrackerStatus.Error,
        "queued" => IpfsClusterTrackerStatus.Queued,
        _ => Array.Find(Statuses, s => s.Name == name).Status,
    };

    /// <summary>The comma-separated names of the flags set (the server ORs them, <c>TrackerStatusFromString</c>).</summary>
    public static string Format(IpfsClusterTrackerStatus status) =>
        status == IpfsClusterTrackerStatus.Undefined ? "undefined" : string.Join(',', Statuses.Where(s => status.HasFlag(s.Status)).Select(s => s.Name));

    /// <summary>The comma-separated names of the pin types set (<c>allocationsHandler</c> ORs them).</summary>
    public static string Format(IpfsClusterPinTypes types) =>
        types == IpfsClusterPinTypes.All ? "all" : string.Join(',', PinTypes.Where(t => types.HasFlag(t.Type)).Select(t => t.Name));
}
