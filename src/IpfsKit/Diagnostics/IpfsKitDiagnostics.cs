using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace IpfsKit.Diagnostics;

/// <summary>The names IpfsKit publishes diagnostics under: one <see cref="Meter"/> and one <see cref="ActivitySource"/>, both <c>IpfsKit</c>.</summary>
public static class IpfsKitDiagnostics
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = "IpfsKit";

    internal static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Meter Meter = new(Name);

    internal static readonly Counter<long> Operations =
        Meter.CreateCounter<long>("ipfskit.client.operations", "{operation}", "Client operations, tagged with operation, transport and outcome.");

    internal static readonly Counter<long> ForwardedOperations =
        Meter.CreateCounter<long>("ipfskit.roles.forwarded_operations", "{operation}", "Operations forwarded to the master, tagged with kind and outcome (applied, or duplicate: a key applied before).");

    internal static readonly Counter<long> ParkedOperations =
        Meter.CreateCounter<long>("ipfskit.roles.parked_operations", "{operation}", "Queued operations the master refused for good, parked in the offline outbox, tagged with kind.");

    internal static readonly Counter<long> GcRuns =
        Meter.CreateCounter<long>("ipfskit.storage.gc.runs", "{run}", "Garbage collections started in an embedded node.");

    internal static readonly Counter<long> GcBlocks =
        Meter.CreateCounter<long>("ipfskit.storage.gc.blocks", "{block}", "Blocks removed by garbage collection.");

    internal static readonly Counter<long> GcBytes =
        Meter.CreateCounter<long>("ipfskit.storage.gc.bytes", "By", "Bytes removed by garbage collection.");

    internal static readonly Counter<long> RebalanceBytes =
        Meter.CreateCounter<long>("ipfskit.cluster.rebalance.bytes", "By", "Bytes the master moved between its members to even their loads, tagged with level.");

    internal static readonly Counter<long> RebalanceMoves =
        Meter.CreateCounter<long>("ipfskit.cluster.rebalance.moves", "{range}", "Ranges the master moved between its members to even their loads, tagged with level.");

    internal static readonly Gauge<double> MaxShare =
        Meter.CreateGauge<double>("ipfskit.cluster.load.max_share", "1", "The most loaded member's placed bytes as a multiple of its fair share (its ideal load), before and after (tag phase) the last rebalancing step, at the master's level (tag level: 0 for a root, 1 for a sub-cluster's master, …).");

    internal static readonly Gauge<long> Members =
        Meter.CreateGauge<long>("ipfskit.cluster.members", "{member}", "The master's alive members at its last pass, tagged with kind (worker, master: a sub-cluster) and level (0 for a root, 1 for a sub-cluster's master, …).");

    internal static readonly Gauge<long> MemberFreeBytes =
        Meter.CreateGauge<long>("ipfskit.cluster.free_bytes", "By", "The free bytes the master's alive members reported at its last pass (what it advertises to its parent when it is a sub-cluster's master), tagged with level.");

    internal static readonly Histogram<double> Duration =
        Meter.CreateHistogram<double>("ipfskit.client.duration", "s", "Time to complete a client operation (until its stream opens, for reads).");
}
