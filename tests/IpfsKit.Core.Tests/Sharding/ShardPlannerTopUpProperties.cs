using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsKit.Sharding;
using IpfsKit.Sharding.Internal;

namespace IpfsKit.Tests.Sharding;

/// <summary>
/// Invariants of <see cref="ShardPlanner.AddReplicas"/>: the placements in force are kept, a target never holds a leaf
/// twice, the new ones fit the free bytes now, and with room every leaf reaches min(replication, healthy targets).
/// </summary>
[Trait("Category", "Sharding")]
public sealed class ShardPlannerTopUpProperties
{
    /// <summary>A plan made with one replica (too few members then) topped up to 2 or 3 when the room exists.</summary>
    [Property(Arbitrary = [typeof(ShardingGen)], MaxTest = 100)]
    public Property AddReplicas_PlanMadeShort_KeepsPlacementsAndReachesWanted(ShardCase c, bool three)
    {
        var roomy = Roomy(c);
        var single = roomy with { Options = c.Options with { Replication = 1 } };
        var plan = ShardPlannerProperties.TryPlan(single);
        var wanted = three ? 3 : 2;
        return Prop.When(plan is not null, () =>
        {
            var now = ShardPlannerRepairProperties.AfterPlan(roomy.Topology, plan!);
            var topUp = ShardPlanner.AddReplicas(plan!, c.Outline, now, c.Options with { Replication = wanted });
            var merged = AssertTopUp(plan!, topUp, now, c);
            var healthy = PlanChecks.Targets(now).Count(t => t.Node.Healthy);
            Assert.Equal(Math.Min(wanted, healthy), merged.LiveReplicas(_ => true));
            Assert.Equal(Math.Min(wanted, healthy), merged.Replication);
        });
    }

    /// <summary>A member of a replicated plan dies: the top-up restores min(replication, survivors) on the survivors.</summary>
    [Property(Arbitrary = [typeof(ShardingGen)], MaxTest = 100)]
    public Property AddReplicas_MemberDied_RestoresReplicationOnSurvivors(ShardCase c, int pick)
    {
        var roomy = Roomy(c);
        var plan = ShardPlannerProperties.TryPlan(roomy);
        return Prop.When(plan is not null && plan.Targets.Count >= 2, () =>
        {
            var dead = plan!.Targets[(int)((uint)pick % (uint)plan.Targets.Count)];
            var now = MarkUnhealthy(ShardPlannerRepairProperties.AfterPlan(roomy.Topology, plan), dead);
            var topUp = ShardPlanner.AddReplicas(plan, c.Outline, now, c.Options);
            Assert.DoesNotContain(topUp.Placements, p => p.Target == dead);
            var merged = AssertTopUp(plan, topUp, now, c);
            var healthy = PlanChecks.Targets(now).Count(t => t.Node.Healthy);
            Assert.Equal(Math.Min(c.Options.Replication, healthy), merged.LiveReplicas(t => t != dead));
        });
    }

    /// <summary>Nothing is missing: the top-up is empty and the plan stays as it is.</summary>
    [Property(Arbitrary = [typeof(ShardingGen)], MaxTest = 50)]
    public Property AddReplicas_FullyReplicated_AddsNothing(ShardCase c)
    {
        var plan = ShardPlannerProperties.TryPlan(c);
        return Prop.When(plan is not null, () =>
        {
            var now = ShardPlannerRepairProperties.AfterPlan(c.Topology, plan!);
            Assert.Empty(ShardPlanner.AddReplicas(plan!, c.Outline, now, c.Options).Placements);
        });
    }

    /// <summary>The invariants every top-up keeps; returns the merged plan.</summary>
    private static ShardPlan AssertTopUp(ShardPlan plan, ShardPlan topUp, ClusterNode now, ShardCase c)
    {
        PlanChecks.AssertCapacity(topUp, now);
        var merged = plan.Add(topUp, _ => true);
        var kept = plan.Placements.Select(PlanChecks.Describe).Order(StringComparer.Ordinal);
        Assert.Equal(kept, merged.Placements.Except(topUp.Placements).Select(PlanChecks.Describe).Order(StringComparer.Ordinal));
        foreach (var group in merged.Placements.GroupBy(p => p.Target))
        {
            long end = 0;
            foreach (var range in group.OrderBy(p => p.FirstLeaf))
            {
                Assert.True(range.FirstLeaf >= end, $"{group.Key} holds leaf {range.FirstLeaf} twice");
                end = range.FirstLeaf + range.LeafCount;
            }
        }

        if (topUp.Placements.Count > 0)
        {
            PlanChecks.AssertPinsReconstruct(topUp with { Placements = [.. topUp.Placements, .. plan.Placements] }, c.Outline);
        }

        return merged;
    }

    /// <summary>The case with every healthy target able to hold the whole DAG three times over (capacity is not what is tested).</summary>
    internal static ShardCase Roomy(ShardCase c)
    {
        var room = 3 * (FlatDag.Create(c.Outline).TotalBytes + (PlanChecks.Targets(c.Topology).Count * (PlanChecks.Height(c.Topology) + 1) * PlanChecks.Unit(c.Outline)));
        return c with { Topology = (ClusterNode)Map(c.Topology, t => t with { FreeBytes = room, CapacityBytes = room }) };
    }

    private static ClusterNode MarkUnhealthy(ClusterNode topology, string id)
    {
        var targets = PlanChecks.Targets(topology).Select(t => t.Node).ToList();
        var index = PlanChecks.Targets(topology).FindIndex(t => t.Id == id);
        var victim = targets[index];
        return (ClusterNode)Map(topology, t => ReferenceEquals(t, victim) ? t with { Healthy = false } : t);
    }

    private static TopologyNode Map(TopologyNode node, Func<TargetNode, TargetNode> map) => node switch
    {
        ClusterNode cluster => cluster with { Children = [.. cluster.Children.Select(c => Map(c, map))] },
        TargetNode target => map(target),
        _ => node,
    };
}
