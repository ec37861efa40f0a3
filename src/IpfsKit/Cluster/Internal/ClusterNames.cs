namespace IpfsKit.Cluster.Internal;

/// <summary>The wire names of tracker statuses and pin types (<c>trackerStatusString</c>, <c>PinType.String</c> in ipfs-cluster <c>api/types.go</c>).</summary>
internal static class ClusterNames
{
    private static readonly (ClusterTrackerStatus Status, string Name)[] Statuses =
    [
        (ClusterTrackerStatus.ClusterError, "cluster_error"),
        (ClusterTrackerStatus.PinError, "pin_error"),
        (ClusterTrackerStatus.UnpinError, "unpin_error"),
        (ClusterTrackerStatus.Pinned, "pinned"),
        (ClusterTrackerStatus.Pinning, "pinning"),
        (ClusterTrackerStatus.Unpinning, "unpinning"),
        (ClusterTrackerStatus.Unpinned, "unpinned"),
        (ClusterTrackerStatus.Remote, "remote"),
        (ClusterTrackerStatus.PinQueued, "pin_queued"),
        (ClusterTrackerStatus.UnpinQueued, "unpin_queued"),
        (ClusterTrackerStatus.Sharded, "sharded"),
        (ClusterTrackerStatus.UnexpectedlyUnpinned, "unexpectedly_unpinned"),
    ];

    private static readonly (ClusterPinTypes Type, string Name)[] PinTypes =
    [
        (ClusterPinTypes.Pin, "pin"),
        (ClusterPinTypes.MetaPin, "meta-pin"),
        (ClusterPinTypes.ClusterDag, "clusterdag-pin"),
        (ClusterPinTypes.Shard, "shard-pin"),
    ];

    public static ClusterTrackerStatus ParseStatus(string? name) => name switch
    {
        "error" => ClusterTrackerStatus.Error,
        "queued" => ClusterTrackerStatus.Queued,
        _ => Array.Find(Statuses, s => s.Name == name).Status,
    };

    /// <summary>The comma-separated names of the flags set (the server ORs them, <c>TrackerStatusFromString</c>).</summary>
    public static string Format(ClusterTrackerStatus status) =>
        status == ClusterTrackerStatus.Undefined ? "undefined" : string.Join(',', Statuses.Where(s => status.HasFlag(s.Status)).Select(s => s.Name));

    /// <summary>The comma-separated names of the pin types set (<c>allocationsHandler</c> ORs them).</summary>
    public static string Format(ClusterPinTypes types) =>
        types == ClusterPinTypes.All ? "all" : string.Join(',', PinTypes.Where(t => types.HasFlag(t.Type)).Select(t => t.Name));
}
