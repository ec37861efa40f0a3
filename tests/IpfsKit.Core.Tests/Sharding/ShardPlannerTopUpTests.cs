using IpfsKit.Sharding;

namespace IpfsKit.Tests.Sharding;

/// <summary>Examples of <see cref="ShardPlanner.AddReplicas"/> the properties do not pin down: failure domains and partial room.</summary>
[Trait("Category", "Sharding")]
public sealed class ShardPlannerTopUpTests
{
    private const long GiB = 1L << 30;

    [Fact]
    public void AddReplicas_WholeDag_GoesToTheZoneWithoutACopyEvenWhenTheHoldersZoneHasMoreRoom()
    {
        var outline = SyntheticDag.Balanced(leaves: 100, fanout: 174, leafBytes: 1 << 18);
        var topology = new ClusterNode("root", [
            new ClusterNode("a", [new TargetNode("t1", 2 * GiB, 2 * GiB), new TargetNode("t2", 10 * GiB, 10 * GiB)]),
            new ClusterNode("b", [new TargetNode("t3", GiB, GiB)]),
        ]);
        var plan = ShardPlanner.Plan(outline, topology with { Children = [topology.Children[0]] }, new ShardingOptions { Replication = 1 });
        Assert.Equal(["a/t2"], plan.Targets);

        var topUp = ShardPlanner.AddReplicas(plan, outline, topology, new ShardingOptions { Replication = 2 });

        Assert.Equal(["b/t3"], topUp.Targets);
        Assert.Equal(2, plan.Add(topUp, _ => true).LiveReplicas(_ => true));
    }

    [Fact]
    public void AddReplicas_NoRoomNow_AddsNothingAndKeepsThePlan()
    {
        var outline = SyntheticDag.Balanced(leaves: 100, fanout: 174, leafBytes: 1 << 18);
        var roomy = new ClusterNode("root", [new TargetNode("t1", GiB, GiB), new TargetNode("t2", GiB, 1024)]);
        var plan = ShardPlanner.Plan(outline, roomy with { Children = [roomy.Children[0]] }, new ShardingOptions { Replication = 1 });

        var topUp = ShardPlanner.AddReplicas(plan, outline, roomy, new ShardingOptions { Replication = 2 });

        Assert.Empty(topUp.Placements);
        Assert.Equal(1, plan.Add(topUp, _ => true).LiveReplicas(_ => true));
    }

    [Fact]
    public void LiveReplicas_ATargetDown_CountsOnlyTheLiveHoldersOfTheLeastHeldLeaf()
    {
        var outline = SyntheticDag.Balanced(leaves: 100, fanout: 10, leafBytes: 1 << 18);
        var topology = new ClusterNode("root", [new TargetNode("t1", GiB, GiB), new TargetNode("t2", GiB, GiB), new TargetNode("t3", GiB, GiB)]);
        var plan = ShardPlanner.Plan(outline, topology, new ShardingOptions { Replication = 2, LinkThreshold = 10, MinRangeBytes = 0 });

        Assert.Equal(2, plan.LiveReplicas(_ => true));
        Assert.Equal(1, plan.LiveReplicas(t => t != "t1"));
        Assert.Equal(0, plan.LiveReplicas(_ => false));
    }
}
