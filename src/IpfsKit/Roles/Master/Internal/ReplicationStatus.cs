using IpfsKit.Roles.Coordination;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>How many replicas a pin wants and has, as <see cref="MasterPinInfo"/> shows them.</summary>
internal static class ReplicationStatus
{
    /// <summary>The pin with its live and wanted replicas and their text (under-replicated below its minimum).</summary>
    public static MasterPinInfo Describe(MasterPinInfo pin, IReadOnlyDictionary<string, WorkerInfo> alive, int replication)
    {
        var (min, max) = PinPlacement.Wanted(pin.Policy, replication, PinPlacement.Eligible(pin.Policy, alive.Values).Count);
        var live = pin.Plan?.LiveReplicas(alive.ContainsKey);
        var text = live switch
        {
            null => null,
            { } k when k < min => $"under-replicated ({k} of {min})",
            { } k => $"{k} of {max}",
        };
        return pin with { LiveReplicas = live, WantedReplicas = min, Replication = text };
    }
}
