using IpfsKit.Sharding;

namespace IpfsKit.Tests.Sharding;

[Trait("Category", "Sharding")]
public sealed class AllocationStrategyTests
{
    [Fact]
    public void Plan_CustomEqualWeights_SplitsEvenlyWhateverTheFreeBytes()
    {
        var outline = SyntheticDag.Balanced(leaves: 12_000, fanout: 174, leafBytes: 1 << 16);
        var topology = new ClusterNode("root", [
            new TargetNode("a", 1L << 40, 1L << 36), new TargetNode("b", 1L << 40, 1L << 32),
            new TargetNode("c", 1L << 40, 1L << 31), new TargetNode("d", 1L << 40, 1L << 33)]);

        var plan = ShardPlanner.Plan(outline, topology, new ShardingOptions { MinRangeBytes = 0, Allocation = new EqualWeights() });

        Assert.Equal(["d", "c", "b", "a"], plan.Placements.Select(p => p.Target));
        Assert.All(plan.Placements, p => Assert.InRange(p.LeafCount, 2_999, 3_001));
    }

    [Fact]
    public void Plan_Balanced_SplitsInProportionToFreeBytes()
    {
        var outline = SyntheticDag.Balanced(leaves: 12_000, fanout: 174, leafBytes: 1 << 16);
        var topology = new ClusterNode("root", [new TargetNode("a", 1L << 40, 3L << 30), new TargetNode("b", 1L << 40, 1L << 30)]);

        var plan = ShardPlanner.Plan(outline, topology, new ShardingOptions { MinRangeBytes = 0 });

        Assert.InRange(plan.Placements[0].LeafCount, 8_990, 9_010);
        Assert.Equal("a", plan.Placements[0].Target);
    }

    [Fact]
    public void Plan_ShareUnderMinRangeBytes_GoesToTheOthers()
    {
        var outline = SyntheticDag.Balanced(leaves: 12_000, fanout: 174, leafBytes: 1 << 16);
        var topology = new ClusterNode("root", [new TargetNode("a", 1L << 40, 1L << 40), new TargetNode("b", 1L << 40, 1L << 30)]);

        var plan = ShardPlanner.Plan(outline, topology);

        Assert.Equal("a", Assert.Single(plan.Placements).Target);
    }

    /// <summary>Every child weighs the same; reverse name order.</summary>
    private sealed class EqualWeights() : DelegatingAllocationStrategy(BalancedAllocation.Instance)
    {
        public override double Weight(TopologyNode child, long childFreeBytes) => childFreeBytes > 0 ? 1 : 0;

        public override int Compare(TopologyNode x, TopologyNode y) => -Inner.Compare(x, y);
    }
}
