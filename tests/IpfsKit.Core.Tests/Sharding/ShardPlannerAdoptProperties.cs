using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsKit.Content;
using IpfsKit.Sharding;

namespace IpfsKit.Tests.Sharding;

/// <summary>
/// Invariants of <see cref="ShardPlanner.Adopt"/>: subtrees placed while the DAG was imported (the master's streaming
/// spool) are kept on their targets, as ranges holding exactly the leaves under them; the rest is planned so that every
/// leaf is on min(replication, healthy targets) distinct targets, no target holding a leaf twice.
/// </summary>
[Trait("Category", "Sharding")]
public sealed class ShardPlannerAdoptProperties
{
    /// <summary>The first k children of the root placed on R targets each before the root existed; the rest planned.</summary>
    [Property(Arbitrary = [typeof(ShardingGen)], MaxTest = 40)]
    public Property Adopt_SubtreesPlacedDuringImport_KeptAndRestPlannedToReplication(ShardCase c, int pick)
    {
        var roomy = ShardPlannerTopUpProperties.Roomy(c);
        var healthy = PlanChecks.Targets(roomy.Topology).Where(t => t.Node.Healthy).Select(t => t.Id).ToList();
        var children = c.Outline.Nodes.TryGetValue(c.Outline.Root, out var root) ? root.Links.Select(l => l.Cid).Distinct().ToList() : [];
        return Prop.When(children.Count >= 1 && healthy.Count >= 1, () =>
        {
            var wanted = Math.Min(c.Options.Replication, healthy.Count);
            var count = 1 + (int)((uint)pick % (uint)children.Count);
            var placed = children.Take(count).SelectMany((child, i) => Enumerable.Range(0, wanted)
                .Select(k => new SubtreePlacement(child, healthy[(i + k) % healthy.Count], k, BytesUnder(child, c.Outline)))).ToList();

            var plan = ShardPlanner.Adopt(c.Outline, placed, roomy.Topology, c.Options);

            foreach (var p in placed)
            {
                Assert.Contains(plan.Placements, x => x.Target == p.Target && x.Replica == p.Replica && x.Pins.Contains(new ShardPin(p.Subtree, true)));
            }

            PlanChecks.AssertCoverage(plan, plan.TotalLeaves, wanted);
            Assert.Equal(wanted, plan.Replication);
            AssertRangesHoldTheirLeaves(plan, c.Outline);
            var subtrees = placed.Select(p => p.Subtree).ToHashSet();
            var added = plan with { Placements = [.. plan.Placements.Where(x => !x.Pins.Any(pin => subtrees.Contains(pin.Cid)))] };
            PlanChecks.AssertCapacity(added, roomy.Topology);
        }).Classify(count(children, pick) == children.Count, "every child placed (nothing left to plan)");

        static int count(List<Cid> children, int pick) => children.Count == 0 ? 0 : 1 + (int)((uint)pick % (uint)children.Count);
    }

    /// <summary>Nothing placed: the plan is the rest alone, every leaf at the wanted replication.</summary>
    [Property(Arbitrary = [typeof(ShardingGen)], MaxTest = 15)]
    public Property Adopt_NothingPlaced_PlansEveryLeaf(ShardCase c)
    {
        var roomy = ShardPlannerTopUpProperties.Roomy(c);
        var healthy = PlanChecks.Targets(roomy.Topology).Count(t => t.Node.Healthy);
        return Prop.When(healthy >= 1, () =>
        {
            var plan = ShardPlanner.Adopt(c.Outline, [], roomy.Topology, c.Options);
            PlanChecks.AssertCoverage(plan, plan.TotalLeaves, Math.Min(c.Options.Replication, healthy));
            AssertRangesHoldTheirLeaves(plan, c.Outline);
        });
    }

    /// <summary>Each placement's pins, expanded through the outline, hold exactly its range's leaves.</summary>
    private static void AssertRangesHoldTheirLeaves(ShardPlan plan, DagOutline outline)
    {
        var leaves = (outline.Nodes.ContainsKey(outline.Root) ? SyntheticDag.Leaves(outline) : [outline.Root]).ToArray();
        foreach (var placement in plan.Placements)
        {
            var held = new HashSet<Cid>();
            foreach (var pin in placement.Pins)
            {
                PlanChecks.Expand(pin, outline, held);
            }

            var expected = leaves.AsSpan((int)placement.FirstLeaf, (int)placement.LeafCount).ToArray().ToHashSet();
            Assert.True(expected.SetEquals(held.Where(b => !outline.Nodes.ContainsKey(b))), $"{PlanChecks.Describe(placement)} does not hold its range's leaves");
        }
    }

    private static long BytesUnder(Cid subtree, DagOutline outline)
    {
        var held = new HashSet<Cid>();
        PlanChecks.Expand(new ShardPin(subtree, true), outline, held);
        var blocks = SyntheticDag.Blocks(outline);
        return held.Sum(b => blocks.GetValueOrDefault(b));
    }
}
