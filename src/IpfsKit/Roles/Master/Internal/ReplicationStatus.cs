using IpfsKit.Roles.Coordination;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>How many replicas a pin wants and has, as <see cref="MasterPinInfo"/> shows them.</summary>
internal static class ReplicationStatus
{
    /// <summary>The replicas a pin must have to count as fully replicated: the configured replication.</summary>
    public static int Wanted(MasterPinInfo pin, int replication) => Math.Max(1, replication);

    /// <summary>The pin with its live and wanted replicas and their text.</summary>
    public static MasterPinInfo Describe(MasterPinInfo pin, Func<string, bool> isLive, int replication)
    {
        var wanted = Wanted(pin, replication);
        var live = pin.Plan?.LiveReplicas(isLive);
        var text = live switch
        {
            null => null,
            { } k when k < wanted => $"under-replicated ({k} of {wanted})",
            { } k => $"{k} of {wanted}",
        };
        return pin with { LiveReplicas = live, WantedReplicas = wanted, Replication = text };
    }
}
