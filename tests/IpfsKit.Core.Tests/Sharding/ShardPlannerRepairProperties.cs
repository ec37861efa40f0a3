using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsKit.Errors;
using IpfsKit.Sharding;

namespace IpfsKit.Tests.Sharding;

/// <summary>Invariants of <see cref="ShardPlanner.Repair"/>: only the dead target's ranges move, the merged plan is whole again.</summary>
[Trait("Category", "Sharding")]
public sealed class ShardPlannerRepairProperties
{
    // About 40 % of the generated cases have a plan on two or more targets that a repair can serve: checking 40 of them
    // generates about 100 cases, as before these properties discarded the others instead of passing them.
    private const int Repairable = 40;

    [Property(Arbitrary = [typeof(ShardingGen)], MaxTest = Repairable)]
    public Property Repair_AnyDeadTarget_ReplacesOnlyItsRangesOnSurvivors(ShardCase c, int pick)
    {
        // Discarded (Prop.When), never passed: no plan with two targets, or no room left for the dead target's ranges.
        if (ShardPlannerProperties.TryPlan(c) is not { Targets.Count: >= 2 } plan)
        {
            return Prop.When(false, () => { });
        }

        var dead = plan.Targets[(int)((uint)pick % (uint)plan.Targets.Count)];
        var now = AfterPlan(c.Topology, plan);
        ShardPlan? repair;
        try
        {
            repair = ShardPlanner.Repair(plan, c.Outline, now, dead, c.Options);
        }
        catch (IpfsKitCapacityException)
        {
            repair = null;
        }

        return Prop.When(repair is not null, () => AssertRepair(c, plan, repair!, dead, now)).Classify(repair is null, "no room");
    }

    private static void AssertRepair(ShardCase c, ShardPlan plan, ShardPlan repair, string dead, ClusterNode now)
    {
        Assert.DoesNotContain(repair.Placements, p => p.Target == dead);
        var merged = plan.Merge(repair, dead);
        Assert.DoesNotContain(merged.Placements, p => p.Target == dead);
        PlanChecks.AssertCoverage(merged, plan.TotalLeaves, c.Options.Replication);
        PlanChecks.AssertPinsReconstruct(merged, c.Outline);

        // Nothing else moves: the merged plan minus the repair is the old plan minus the dead target.
        var kept = plan.Placements.Where(p => p.Target != dead).Select(PlanChecks.Describe).Order(StringComparer.Ordinal);
        var left = merged.Placements.Except(repair.Placements).Select(PlanChecks.Describe).Order(StringComparer.Ordinal);
        Assert.Equal(kept, left);

        // The repair covers exactly the dead target's leaves, replica by replica, within the survivors' free bytes now.
        foreach (var replica in plan.Placements.Where(p => p.Target == dead).GroupBy(p => p.Replica))
        {
            Assert.Equal(replica.Sum(p => p.LeafCount), repair.Placements.Where(p => p.Replica == replica.Key).Sum(p => p.LeafCount));
        }

        Assert.Equal(plan.PlacementsOf(dead).Sum(p => p.LeafCount), repair.Placements.Sum(p => p.LeafCount));
        PlanChecks.AssertCapacity(repair, now);
    }

    /// <summary>When the targets under the dead target's cluster that hold none of its leaves have room for its share (plus the packing slack), the repair stays in that cluster.</summary>
    [Property(Arbitrary = [typeof(ShardingGen)], MaxTest = Repairable)]
    public Property Repair_SiblingsWithRoom_StaysInTheSameSubCluster(ShardCase c, int pick)
    {
        if (ShardPlannerProperties.TryPlan(c) is not { Targets.Count: >= 2 } plan)
        {
            return Prop.When(false, () => { });
        }

        var dead = plan.Targets[(int)((uint)pick % (uint)plan.Targets.Count)];
        var cluster = dead.Contains('/', StringComparison.Ordinal) ? dead[..dead.LastIndexOf('/')] + "/" : string.Empty;
        var now = AfterPlan(c.Topology, plan);
        var deadRanges = plan.PlacementsOf(dead).ToList();
        var siblings = PlanChecks.Targets(now)
            .Where(t => t.Id != dead && t.Node.Healthy && t.Id.StartsWith(cluster, StringComparison.Ordinal))
            .Where(t => !plan.PlacementsOf(t.Id).Any(p => deadRanges.Any(d => p.FirstLeaf < d.FirstLeaf + d.LeafCount && d.FirstLeaf < p.FirstLeaf + p.LeafCount)))
            .ToList();
        var slack = PlanChecks.Targets(c.Topology).Count * (PlanChecks.Height(c.Topology) + 1) * PlanChecks.Unit(c.Outline);
        var whole = c.Outline.Nodes.Values.Sum(n => n.Links.Count) <= c.Options.LinkThreshold;
        var room = whole ? siblings.Any(t => t.Node.FreeBytes >= plan.TotalBytes) : siblings.Sum(t => t.Node.FreeBytes) >= deadRanges.Sum(p => p.Bytes) + slack;
        return Prop.When(room, () =>
        {
            var repair = ShardPlanner.Repair(plan, c.Outline, now, dead, c.Options);
            Assert.All(repair.Placements, p => Assert.True(p.Target.StartsWith(cluster, StringComparison.Ordinal), $"{p.Target} is not in the cluster of {dead}"));
        });
    }

    /// <summary>The topology after a plan was applied: each target's free bytes less what the plan put there.</summary>
    internal static ClusterNode AfterPlan(ClusterNode topology, ShardPlan plan)
    {
        TopologyNode Walk(TopologyNode node, string prefix) => node switch
        {
            ClusterNode cluster => cluster with
            {
                Children = [.. cluster.Children.Select(ch => Walk(ch, ReferenceEquals(cluster, topology) ? string.Empty : prefix + cluster.Name + "/"))],
            },
            TargetNode target => target with { FreeBytes = target.FreeBytes - plan.BytesOf(prefix + target.Name) },
            _ => node,
        };

        return (ClusterNode)Walk(topology, string.Empty);
    }
}
