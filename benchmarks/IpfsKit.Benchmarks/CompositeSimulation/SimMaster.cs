using IpfsKit.Content;
using IpfsKit.Sharding;
using IpfsKit.Sharding.Internal;

namespace IpfsKit.Benchmarks.CompositeSimulation;

/// <summary>
/// One master of the simulated tree: it plans each pin it receives over its own members only (each member a target
/// whose capacity and free bytes are its sub-cluster's sums), with a bounded outline read, as the running master does;
/// it keeps its plans and the granule of each, so that a repair or a rebalance can read the same outline again.
/// </summary>
internal sealed class SimMaster(string name, string[] members, long[] capacity, SyntheticTree tree, ShardingOptions options, int k)
{
    private readonly long[] _free = (long[])capacity.Clone();

    public string Name => name;

    public IReadOnlyList<string> Members => members;

    public List<ShardPlan> Plans { get; } = [];

    public Dictionary<Cid, long> Granules { get; } = [];

    /// <summary>Gets the bytes of the border nodes pinned directly here (interior nodes a master keeps).</summary>
    public long DirectBytes { get; private set; }

    public long NodesRead { get; private set; }

    public long MaxOutlineLinks { get; private set; }

    /// <summary>Gets the time spent reading outlines (the rest of a master's time is planning).</summary>
    public TimeSpan ReadTime { get; private set; }

    public ClusterNode Topology(string? dead = null, (string Name, long Bytes)? joined = null)
    {
        var children = members.Select((m, i) => (TopologyNode)new TargetNode(m, capacity[i], _free[i], m != dead)).ToList();
        if (joined is { } j)
        {
            children.Add(new TargetNode(j.Name, j.Bytes, j.Bytes));
        }

        return new ClusterNode(name, children);
    }

    public long BytesOf(string member) => Plans.Sum(p => p.BytesOf(member));

    /// <summary>Plans every pin in order: direct pins stay here, recursive ones are planned over the members.</summary>
    public async Task PlanAsync(IEnumerable<ShardPin> pins, CancellationToken cancellationToken)
    {
        foreach (var pin in pins)
        {
            var (height, _) = SyntheticTree.Decode(pin.Cid);
            if (!pin.Recursive)
            {
                DirectBytes += (await tree.Fetch(pin.Cid, cancellationToken).ConfigureAwait(false))?.BlockBytes ?? tree.LeafBytes;
                continue;
            }

            var plan = height == 0 ? PlanLeaf(pin) : await PlanSubtreeAsync(pin.Cid, cancellationToken).ConfigureAwait(false);
            Apply(plan, +1);
            Plans.Add(plan);
        }
    }

    /// <summary>Reads the outline a plan was made with again (same granule, same walk).</summary>
    public async Task<DagOutline> OutlineAsync(Cid root, CancellationToken cancellationToken)
    {
        var before = tree.Reads;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var outline = await OutlineWalk.ReadAsync(
            root, tree.Fetch, l => l.Cid.Codec == Multicodec.DagPb,
            new OutlineReadOptions { MinExpandBytes = Granules.GetValueOrDefault(root), LinkThreshold = options.LinkThreshold }, cancellationToken).ConfigureAwait(false);
        ReadTime += clock.Elapsed;
        NodesRead += tree.Reads - before;
        MaxOutlineLinks = Math.Max(MaxOutlineLinks, outline.Nodes.Values.Sum(n => (long)n.Links.Count));
        return outline;
    }

    /// <summary>Replaces the plans of a dead member by their repairs inside this master; returns the bytes moved.</summary>
    public async Task<long> RepairAsync(string dead, CancellationToken cancellationToken)
    {
        long moved = 0;
        for (var i = 0; i < Plans.Count; i++)
        {
            var plan = Plans[i];
            if (!plan.PlacementsOf(dead).Any())
            {
                continue;
            }

            var repair = SyntheticTree.Decode(plan.Root).Height == 0
                ? PlanLeaf(new ShardPin(plan.Root, true), dead)
                : ShardPlanner.Repair(plan, await OutlineAsync(plan.Root, cancellationToken).ConfigureAwait(false), Topology(dead), dead, options);
            Apply(repair, +1);
            moved += repair.Placements.Sum(p => p.Bytes);
            Plans[i] = plan.Merge(repair, dead);
        }

        return moved;
    }

    private async Task<ShardPlan> PlanSubtreeAsync(Cid root, CancellationToken cancellationToken)
    {
        var topology = Topology();
        Granules[root] = OutlineGranule.For(tree.SubtreeBytes(root), topology, options, k);
        var outline = await OutlineAsync(root, cancellationToken).ConfigureAwait(false);
        return ShardPlanner.Plan(outline, topology, options);
    }

    /// <summary>A single block: the planner weighs a DAG without internal nodes at 0, so it goes whole to the freest member here.</summary>
    private ShardPlan PlanLeaf(ShardPin pin, string? dead = null)
    {
        var best = Enumerable.Range(0, members.Length).Where(i => members[i] != dead).MaxBy(i => _free[i]);
        return new ShardPlan(pin.Cid, 1, tree.LeafBytes, 1, [new ShardPlacement(members[best], 0, 0, 1, tree.LeafBytes, [pin])]);
    }

    private void Apply(ShardPlan plan, int sign)
    {
        foreach (var placement in plan.Placements)
        {
            _free[Array.IndexOf(members, placement.Target)] -= sign * placement.Bytes;
        }
    }
}
