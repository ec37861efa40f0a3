using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsKit.Errors;
using IpfsKit.Sharding;
using IpfsKit.Sharding.Internal;

namespace IpfsKit.Tests.Sharding;

/// <summary>
/// Invariants of <see cref="ShardPlanner.Plan"/> over random DAG shapes (depth 1–4, fan-out 1–300, some nodes with
/// 8,001–9,000 leaf links, leaves 1 B–1 MiB) and random topologies (1–3 levels, 1–12 children, a tenth unhealthy,
/// the DAG filling 5 % to 110 % of the healthy free bytes).
/// </summary>
[Trait("Category", "Sharding")]
public sealed class ShardPlannerProperties
{
    // Each property checks about as many cases as it did when it returned early on the cases it does not apply to, and
    // generates about 100 cases for them: the rest are discarded. Shares measured over 300 cases: a plan 50 %,
    // a checkable outcome 83 %, R = 1 sharded 29 %, its load case 24 %, replicas with distinct domains possible 12 %.
    private const int Checkable = 80;
    private const int Planned = 50;
    private const int SingleReplicaSharded = 30;
    private const int SingleReplicaLoad = 25;
    private const int DistinctDomainsPossible = 15;

    // Cases a property does not apply to are discarded (Prop.When), never passed: a planner that refused every case, or
    // a generator that never made the case a property needs, exhausts FsCheck's discards and fails the property.
    [Property(Arbitrary = [typeof(ShardingGen)], MaxTest = Checkable)]
    public Property Plan_AnyCase_CoversEveryLeafOnReplicationDistinctTargetsWithinFreeBytes(ShardCase c)
    {
        var plan = TryPlan(c);
        var total = FlatDag.Create(c.Outline).TotalBytes;
        var free = PlanChecks.HealthyFree(c.Topology);
        var whole = c.Outline.Nodes.Values.Sum(n => n.Links.Count) <= c.Options.LinkThreshold;

        // A refusal is checked when pinned whole or sharded with R = 1; a sharded refusal with R > 1 has no bound here.
        return Prop.When(plan is not null || whole || c.Options.Replication == 1, () =>
        {
            if (plan is null)
            {
                if (whole)
                {
                    // Pinned whole: refused only when fewer than R healthy targets can take all of it.
                    var roomy = PlanChecks.Targets(c.Topology).Count(t => t.Node.Healthy && t.Node.FreeBytes >= total);
                    Assert.True(roomy < c.Options.Replication, $"refused a whole pin with {roomy} targets that have room");
                }
                else
                {
                    // Sound refusal, sharded with R = 1: only when the DAG is within the packing slack of the healthy
                    // free bytes, (height + 1) × (largest leaf + largest border) per target.
                    var slack = PlanChecks.Targets(c.Topology).Count * (PlanChecks.Height(c.Topology) + 1) * PlanChecks.Unit(c.Outline);
                    Assert.True(total > free - slack, $"refused {total} bytes with {free} free (slack {slack})");
                }

                return;
            }

            Assert.True(total * c.Options.Replication <= free);
            PlanChecks.AssertCoverage(plan, FlatDag.Create(c.Outline).LeafCount, c.Options.Replication);
            PlanChecks.AssertCapacity(plan, c.Topology);
            Assert.Equal(total, plan.TotalBytes);
        }).Classify(plan is null, "refused");
    }

    [Property(Arbitrary = [typeof(ShardingGen)], MaxTest = Planned)]
    public Property Plan_AnyCase_PinsReconstructTheDagAndWeighTheirBytes(ShardCase c)
    {
        var plan = TryPlan(c);
        return Prop.When(plan is not null, () => PlanChecks.AssertPinsReconstruct(plan!, c.Outline));
    }

    /// <summary>
    /// Tolerance (R = 1, sharded, DAG ≤ 60 % of the free bytes): a target's load is at most its capacity-weighted ideal
    /// (total × free / healthy free) plus (H + 1) × U for the cuts, plus per level (H of them) what the children
    /// dropped at that level can hand over: c × MinRangeBytes for shares under the minimum and T × H × U for children
    /// whose free bytes are within their reserve. H = topology height, U = largest leaf + largest border,
    /// T = targets, c = most children of a cluster.
    /// </summary>
    [Property(Arbitrary = [typeof(ShardingGen)], MaxTest = SingleReplicaLoad)]
    public Property Plan_SingleReplica_LoadWithinToleranceOfCapacityWeightedIdeal(ShardCase c)
    {
        var plan = c.Options.Replication == 1 && c.Fill <= 0.6 ? TryPlan(c) : null;
        return Prop.When(
            plan is { Placements.Count: > 1 },
            () => PlanChecks.AssertLoadWithinTolerance(plan!, c.Topology, c.Options, PlanChecks.Unit(c.Outline)));
    }

    [Property(Arbitrary = [typeof(ShardingGen)], MaxTest = SingleReplicaSharded)]
    public Property Plan_SingleReplica_SubClusterPlanEqualsItsPartOfTheParentPlan(ShardCase c)
    {
        var sharded = c.Outline.Nodes.Values.Sum(n => n.Links.Count) > c.Options.LinkThreshold;
        var plan = c.Options.Replication == 1 && sharded ? TryPlan(c) : null;
        return Prop.When(plan is not null, () =>
        {
            foreach (var sub in c.Topology.Children.OfType<ClusterNode>())
            {
                var part = plan!.Placements.Where(p => p.Target.StartsWith(sub.Name + "/", StringComparison.Ordinal)).ToList();
                if (part.Count == 0)
                {
                    continue;
                }

                var first = part.Min(p => p.FirstLeaf);
                var count = part.Max(p => p.FirstLeaf + p.LeafCount) - first;
                Assert.Equal(count, part.Sum(p => p.LeafCount));
                var alone = ShardPlanner.PlanRange(c.Outline, sub, first, count, c.Options);
                Assert.Equal(
                    part.Select(PlanChecks.Describe),
                    alone.Placements.Select(p => PlanChecks.Describe(p with { Target = sub.Name + "/" + p.Target })));
            }
        }).Classify(c.Topology.Children.OfType<ClusterNode>().Any(), "has sub-clusters");
    }

    [Property(Arbitrary = [typeof(ShardingGen)], MaxTest = Planned)]
    public Property Plan_SameInput_SameJsonAndRoundTrips(ShardCase c)
    {
        var plan = TryPlan(c);
        return Prop.When(plan is not null, () =>
        {
            var json = ShardPlanJson.Serialize(plan!);
            Assert.Equal(json, ShardPlanJson.Serialize(TryPlan(c)!));
            var back = ShardPlanJson.Deserialize(json);
            Assert.Equal(json, ShardPlanJson.Serialize(back));
            Assert.Equal(plan!.Placements.Select(PlanChecks.Describe), back.Placements.Select(PlanChecks.Describe));
        });
    }

    /// <summary>
    /// When separate failure domains are possible, they are used: a top-level child can hold at most one copy of each
    /// leaf, so R copies in R different children need Σ min(free − slack, DAG bytes) ≥ R × DAG bytes over the
    /// top-level children (slack = targets × (height + 1) × U); when that holds, no two replicas of a leaf share one.
    /// </summary>
    [Property(Arbitrary = [typeof(ShardingGen)], MaxTest = DistinctDomainsPossible)]
    public Property Plan_Replicas_InDifferentTopLevelSubClustersWhenPossible(ShardCase c)
    {
        var plan = c.Options.Replication == 1 ? null : TryPlan(c);
        var targets = PlanChecks.Targets(c.Topology);
        var slack = targets.Count * (PlanChecks.Height(c.Topology) + 1) * PlanChecks.Unit(c.Outline);
        var domains = targets.Where(t => t.Node.Healthy).GroupBy(t => Domain(t.Id)).ToDictionary(g => g.Key, g => g.Sum(t => t.Node.FreeBytes));
        var whole = c.Outline.Nodes.Values.Sum(n => n.Links.Count) <= c.Options.LinkThreshold;
        var possible = plan is not null && domains.Count >= c.Options.Replication && (whole
            ? targets.Count(t => t.Node.Healthy && t.Node.FreeBytes >= plan.TotalBytes) >= c.Options.Replication
            : domains.Values.Sum(d => Math.Min(d - slack, plan.TotalBytes)) >= c.Options.Replication * plan.TotalBytes);
        return Prop.When(possible, () =>
        {
            if (whole)
            {
                var used = plan!.Placements.Select(p => Domain(p.Target)).ToList();
                Assert.True(used.Distinct().Count() == used.Count || WholeDomainsExhausted(c, plan), string.Join(",", plan.Placements.Select(p => p.Target)));
                return;
            }

            foreach (var domain in plan!.Placements.GroupBy(p => Domain(p.Target)))
            {
                long end = 0;
                foreach (var p in domain.OrderBy(p => p.FirstLeaf))
                {
                    Assert.True(p.FirstLeaf >= end, $"two replicas of leaf {p.FirstLeaf} in {domain.Key}");
                    end = Math.Max(end, p.FirstLeaf + p.LeafCount);
                }
            }
        }).Classify(whole, "pinned whole");
    }

    internal static ShardPlan? TryPlan(ShardCase c)
    {
        try
        {
            return ShardPlanner.Plan(c.Outline, c.Topology, c.Options);
        }
        catch (IpfsKitCapacityException)
        {
            return null;
        }
    }

    internal static string Domain(string id) => id.Split('/')[0];

    private static bool WholeDomainsExhausted(ShardCase c, ShardPlan plan) =>
        PlanChecks.Targets(c.Topology)
            .Where(t => t.Node.Healthy && t.Node.FreeBytes >= plan.TotalBytes)
            .Select(t => Domain(t.Id)).Distinct().Count() < c.Options.Replication;
}
