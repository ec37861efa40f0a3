using IpfsKit.Content;
using IpfsKit.Sharding;

namespace IpfsKit.Tests.Sharding;

/// <summary>Examples of <see cref="ShardPlanner.Rebalance"/>: a joined member, the tolerance, the budget, and a pin's allowed members.</summary>
[Trait("Category", "Sharding")]
public sealed class ShardPlannerRebalanceTests
{
    private const long GiB = 1L << 30;
    private static readonly ShardingOptions Options = new() { Replication = 1, LinkThreshold = 8, MinRangeBytes = 1 << 18 };

    [Fact]
    public void Rebalance_ThirdMemberJoins_BringsEveryMemberWithinTenPercentOfItsShare()
    {
        var (plan, outlines, joined) = TwoThenThree();

        var result = ShardPlanner.Rebalance([plan], outlines, joined, long.MaxValue, Options);

        var after = plan.Move(result.Moves);
        Assert.Equal(1.5, result.MaxShareBefore, 2);
        Assert.True(result.MaxShareAfter <= 1.1, $"max share after {result.MaxShareAfter}");
        Assert.Contains("t3", after.Targets);
        var total = after.Targets.Sum(after.BytesOf);
        Assert.All(after.Targets, t => Assert.True(after.BytesOf(t) <= 1.1 * total / 3, $"{t}: {after.BytesOf(t)} of {total}"));
        PlanChecks.AssertCoverage(after, plan.TotalLeaves, 1);
    }

    [Fact]
    public void Rebalance_SmallBudget_MovesOneRangeThenStops()
    {
        var (plan, outlines, joined) = TwoThenThree();

        var result = ShardPlanner.Rebalance([plan], outlines, joined, budgetBytes: 1, Options);

        Assert.Single(result.Moves);
        Assert.True(result.MaxShareAfter < result.MaxShareBefore);
    }

    [Fact]
    public void Rebalance_NoMemberMayHoldThePin_MovesNothing()
    {
        var (plan, outlines, joined) = TwoThenThree();

        var result = ShardPlanner.Rebalance([plan], outlines, joined, long.MaxValue, Options, canHold: (_, target) => target != "t3");

        Assert.Empty(result.Moves);
        Assert.Equal(result.MaxShareBefore, result.MaxShareAfter);
    }

    [Fact]
    public void Rebalance_WithinTolerance_MovesNothing()
    {
        var (plan, outlines, _) = TwoThenThree();
        var two = new ClusterNode("root", [new TargetNode("t1", GiB, GiB), new TargetNode("t2", GiB, GiB)]);

        var result = ShardPlanner.Rebalance([plan], outlines, two, long.MaxValue, Options);

        Assert.Empty(result.Moves);
        Assert.True(result.MaxShareBefore <= 1.1);
    }

    [Fact]
    public void Rebalance_MemberFreeSpaceShrinks_MovesRangesAwayFromIt()
    {
        var outline = SyntheticDag.Balanced(leaves: 60, fanout: 174, leafBytes: 1 << 18);
        var three = new ClusterNode("root", [new TargetNode("t1", GiB, GiB), new TargetNode("t2", GiB, GiB), new TargetNode("t3", GiB, GiB)]);
        var plan = ShardPlanner.Plan(outline, three, Options);
        var outlines = new Dictionary<Cid, DagOutline> { [plan.Root] = outline };

        // Other data fills t1's disk: it has only a tenth of its capacity left beside what it holds of the plan.
        var shrunk = new ClusterNode("root", [
            new TargetNode("t1", GiB, (GiB / 10) - plan.BytesOf("t1")), new TargetNode("t2", GiB, GiB - plan.BytesOf("t2")), new TargetNode("t3", GiB, GiB - plan.BytesOf("t3"))]);
        var result = ShardPlanner.Rebalance([plan], outlines, shrunk, long.MaxValue, Options);

        Assert.True(ShardPlanner.Rebalance([plan], outlines, three with { Children = [.. shrunk.Children.Skip(1), new TargetNode("t1", GiB, GiB - plan.BytesOf("t1"))] }, 0, Options).MaxShareBefore <= 1.1);
        Assert.True(result.MaxShareBefore > 2, $"max share before {result.MaxShareBefore}");
        Assert.True(result.MaxShareAfter <= 1.1, $"max share after {result.MaxShareAfter}");
        Assert.All(result.Moves, m => Assert.Equal("t1", m.From.Target));
        var after = plan.Move(result.Moves);
        Assert.True(after.BytesOf("t1") < plan.BytesOf("t1") / 2, $"t1 keeps {after.BytesOf("t1"):N0} of {plan.BytesOf("t1"):N0} B");
        PlanChecks.AssertCoverage(after, plan.TotalLeaves, 1);
    }

    private static (ShardPlan Plan, Dictionary<Cid, DagOutline> Outlines, ClusterNode Joined) TwoThenThree()
    {
        var outline = SyntheticDag.Balanced(leaves: 60, fanout: 174, leafBytes: 1 << 18);
        var two = new ClusterNode("root", [new TargetNode("t1", GiB, GiB), new TargetNode("t2", GiB, GiB)]);
        var plan = ShardPlanner.Plan(outline, two, Options);
        var joined = new ClusterNode("root", [
            new TargetNode("t1", GiB, GiB - plan.BytesOf("t1")), new TargetNode("t2", GiB, GiB - plan.BytesOf("t2")), new TargetNode("t3", GiB, GiB)]);
        return (plan, new Dictionary<Cid, DagOutline> { [plan.Root] = outline }, joined);
    }
}
