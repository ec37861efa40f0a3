using System.Diagnostics.Metrics;

namespace IpfsKit.Diagnostics.Internal;

/// <summary>
/// The instruments of the <c>IpfsKit</c> meter (names and tags as docs/operations.md lists them). One instance per service
/// provider, its meter from the provider's <see cref="IMeterFactory"/>; code built without DI (a transport or an outbox
/// opened directly) reports into <see cref="Shared"/>, on a meter of its own made on first use.
/// </summary>
internal sealed class IpfsKitMetrics(Meter meter)
{
    private static readonly Lazy<IpfsKitMetrics> Fallback = new(static () => new IpfsKitMetrics(new Meter(IpfsKitDiagnostics.Name)));

    /// <summary>Creates the instruments on the <c>IpfsKit</c> meter of <paramref name="meterFactory"/> (which disposes it).</summary>
    public IpfsKitMetrics(IMeterFactory meterFactory)
        : this(meterFactory.Create(IpfsKitDiagnostics.Name))
    {
    }

    /// <summary>Gets the instruments of code constructed without a service provider.</summary>
    public static IpfsKitMetrics Shared => Fallback.Value;

    public Counter<long> Operations { get; } = meter.CreateCounter<long>("ipfskit.client.operations", "{operation}", "Client operations, tagged with operation, transport and outcome.");

    public Counter<long> ForwardedOperations { get; } = meter.CreateCounter<long>("ipfskit.roles.forwarded_operations", "{operation}", "Operations forwarded to the master, tagged with kind and outcome (applied, or duplicate: a key applied before).");

    public Counter<long> ParkedOperations { get; } = meter.CreateCounter<long>("ipfskit.roles.parked_operations", "{operation}", "Queued operations the master refused for good, parked in the offline outbox, tagged with kind.");

    public Counter<long> GcRuns { get; } = meter.CreateCounter<long>("ipfskit.storage.gc.runs", "{run}", "Garbage collections started in an embedded node.");

    public Counter<long> GcBlocks { get; } = meter.CreateCounter<long>("ipfskit.storage.gc.blocks", "{block}", "Blocks removed by garbage collection.");

    public Counter<long> GcBytes { get; } = meter.CreateCounter<long>("ipfskit.storage.gc.bytes", "By", "Bytes removed by garbage collection.");

    public Counter<long> RebalanceBytes { get; } = meter.CreateCounter<long>("ipfskit.cluster.rebalance.bytes", "By", "Bytes the master moved between its members to even their loads, tagged with level.");

    public Counter<long> RebalanceMoves { get; } = meter.CreateCounter<long>("ipfskit.cluster.rebalance.moves", "{range}", "Ranges the master moved between its members to even their loads, tagged with level.");

    public Gauge<double> MaxShare { get; } = meter.CreateGauge<double>("ipfskit.cluster.load.max_share", "1", "The most loaded member's placed bytes as a multiple of its fair share (its ideal load), before and after (tag phase) the last rebalancing step, at the master's level (tag level: 0 for a root, 1 for a sub-cluster's master, …).");

    public Gauge<long> Members { get; } = meter.CreateGauge<long>("ipfskit.cluster.members", "{member}", "The master's alive members at its last pass, tagged with kind (worker, master: a sub-cluster) and level (0 for a root, 1 for a sub-cluster's master, …).");

    public Gauge<long> MemberFreeBytes { get; } = meter.CreateGauge<long>("ipfskit.cluster.free_bytes", "By", "The free bytes the master's alive members reported at its last pass (what it advertises to its parent when it is a sub-cluster's master), tagged with level.");

    public Histogram<double> Duration { get; } = meter.CreateHistogram<double>("ipfskit.client.duration", "s", "Time to complete a client operation (until its stream opens, for reads).");
}
