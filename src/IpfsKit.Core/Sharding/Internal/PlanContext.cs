using IpfsKit.Errors;

namespace IpfsKit.Sharding.Internal;

/// <summary>What one call of the planner works on: the flattened DAG and topology, the options and the strategy.</summary>
internal sealed class PlanContext
{
    private readonly ClusterNode _root;
    private readonly long _minExpandBytes;

    private PlanContext(DagOutline outline, ClusterNode root, ShardingOptions options)
    {
        _root = root;
        _minExpandBytes = outline.MinExpandBytes;
        Options = options;
        Strategy = options.Allocation ?? BalancedAllocation.Instance;
        Dag = FlatDag.Create(outline);
        Topology = FlatTopology.Create(root, Strategy);
    }

    public ShardingOptions Options { get; }

    public IAllocationStrategy Strategy { get; }

    public FlatDag Dag { get; }

    public FlatTopology Topology { get; }

    /// <summary>Gets whether the DAG is at or under the link threshold, so pinned whole.</summary>
    public bool Whole => Dag.TotalLinks <= Options.LinkThreshold;

    /// <summary>Gets the bytes the plan needs: the DAG, Replication times.</summary>
    public long Required => Dag.TotalBytes > long.MaxValue / Options.Replication ? long.MaxValue : Dag.TotalBytes * Options.Replication;

    public static PlanContext Create(DagOutline outline, ClusterNode topology, ShardingOptions? options)
    {
        ArgumentNullException.ThrowIfNull(outline);
        ArgumentNullException.ThrowIfNull(topology);
        options ??= new ShardingOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Replication, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.LinkThreshold, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MinRangeBytes, nameof(options));
        return new PlanContext(outline, topology, options);
    }

    public RangePlanner CreatePlanner() => new(Dag, Topology, Strategy, Options.MinRangeBytes);

    /// <summary>Throws when the healthy free bytes are under what the plan needs, or there are fewer healthy targets than replicas.</summary>
    public void EnsureCapacity()
    {
        if (Required > Topology.InitialFree.Sum() || Topology.Healthy.Count(h => h) < Options.Replication)
        {
            throw CapacityError();
        }
    }

    public IpfsKitCapacityException CapacityError() => CapacityError(Required, Topology.InitialFree.Sum());

    public IpfsKitCapacityException CapacityError(long required, long available) =>
        new($"cluster {_root.Name}", required, available);

    public ShardPlan ToPlan(IEnumerable<Assignment> assignments, int? replication = null) =>
        new(Dag.Root, Dag.LeafCount, Dag.TotalBytes, replication ?? Options.Replication, PlanAssembler.Placements(Dag, Topology, assignments))
        {
            MinExpandBytes = _minExpandBytes,
        };
}
