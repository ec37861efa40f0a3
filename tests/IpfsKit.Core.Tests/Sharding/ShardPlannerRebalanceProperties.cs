using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsKit.Content;
using IpfsKit.Sharding;
using IpfsKit.Sharding.Internal;

namespace IpfsKit.Tests.Sharding;

/// <summary>
/// Invariants of <see cref="ShardPlanner.Rebalance"/> after an empty member joins a planned cluster: every leaf keeps
/// its holders' count, no member holds a leaf twice, the pins still reconstruct the DAG, the largest load ÷ share never
/// rises, the bytes stay within the budget and the moves are bounded by the placements' leaves (so it stops).
/// </summary>
[Trait("Category", "Sharding")]
public sealed class ShardPlannerRebalanceProperties
{
    [Property(Arbitrary = [typeof(ShardingGen)], MaxTest = 100)]
    public Property Rebalance_MemberJoined_KeepsReplicasAndNeverRaisesTheMaximum(ShardCase c, PositiveInt units, bool unlimited)
    {
        var room = 3 * (FlatDag.Create(c.Outline).TotalBytes + (PlanChecks.Targets(c.Topology).Count * (PlanChecks.Height(c.Topology) + 1) * PlanChecks.Unit(c.Outline)));
        var roomy = c with { Topology = (ClusterNode)Map(c.Topology, t => t with { FreeBytes = room, CapacityBytes = room }) };
        var plan = ShardPlannerProperties.TryPlan(roomy);
        return Prop.When(plan is not null && plan.Placements.Count > 0, () =>
        {
            var now = ShardPlannerRepairProperties.AfterPlan(roomy.Topology, plan!);
            var joined = now with { Children = [.. now.Children, new TargetNode("joined", room, room)] };
            var budget = unlimited ? long.MaxValue : units.Get * PlanChecks.Unit(c.Outline);
            var outlines = new Dictionary<Cid, DagOutline> { [plan!.Root] = c.Outline };

            var result = ShardPlanner.Rebalance([plan], outlines, joined, budget, c.Options);
            var after = plan.Move(result.Moves);

            Assert.True(result.MaxShareAfter <= result.MaxShareBefore + 1e-9, $"max share {result.MaxShareBefore} -> {result.MaxShareAfter}");
            Assert.True(result.Moves.Count <= plan.Placements.Sum(p => p.LeafCount + 1), $"{result.Moves.Count} moves of {plan.Placements.Count} placements");
            if (result.Moves.Count > 0)
            {
                Assert.True(result.MovedBytes <= Math.Max(budget, result.Moves[0].To.Bytes), $"{result.MovedBytes} bytes over budget {budget}");
            }

            Assert.DoesNotContain(result.Moves, m => m.From.Target == m.To.Target);
            Assert.All(result.Moves, m => Assert.True(m.Kept is null || m.Kept.Pins.All(m.From.Pins.Contains), "the old member's part needs pins it does not hold"));
            for (long leaf = 0; leaf < plan.TotalLeaves; leaf++)
            {
                Assert.Equal(Holders(plan, leaf).Distinct().Count(), Holders(after, leaf).Distinct().Count());
                Assert.Equal(Holders(after, leaf).Count, Holders(after, leaf).Distinct().Count());
            }

            PlanChecks.AssertPinsReconstruct(after, c.Outline);
        }).Classify(plan is not null && plan.Targets.Count > 1, "planned on several members");
    }

    private static List<string> Holders(ShardPlan plan, long leaf) =>
        [.. plan.Placements.Where(p => p.FirstLeaf <= leaf && leaf < p.FirstLeaf + p.LeafCount).Select(p => p.Target)];

    private static TopologyNode Map(TopologyNode node, Func<TargetNode, TargetNode> map) => node switch
    {
        ClusterNode cluster => cluster with { Children = [.. cluster.Children.Select(ch => Map(ch, map))] },
        TargetNode target => map(target),
        _ => node,
    };
}
