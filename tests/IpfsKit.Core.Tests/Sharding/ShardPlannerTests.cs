using IpfsKit.Errors;
using IpfsKit.Sharding;

namespace IpfsKit.Tests.Sharding;

[Trait("Category", "Sharding")]
public sealed class ShardPlannerTests
{
    private const long GiB = 1L << 30;

    [Fact]
    public void Plan_SmallDagUnderThreshold_PinnedWholeOnReplicationTargetsInDifferentSubClusters()
    {
        var outline = SyntheticDag.Balanced(leaves: 500, fanout: 174, leafBytes: 1 << 18);
        var topology = Grid(clusters: 3, targetsPerCluster: 2, freeBytes: GiB);

        var plan = ShardPlanner.Plan(outline, topology, new ShardingOptions { Replication = 2 });

        Assert.Equal(2, plan.Placements.Count);
        Assert.All(plan.Placements, p =>
        {
            Assert.Equal([new ShardPin(outline.Root, true)], p.Pins);
            Assert.Equal(500, p.LeafCount);
            Assert.Equal(plan.TotalBytes, p.Bytes);
        });
        Assert.NotEqual(plan.Placements[0].Target.Split('/')[0], plan.Placements[1].Target.Split('/')[0]);
        PlanChecks.AssertPinsReconstruct(plan, outline);
    }

    [Fact]
    public void Plan_WholeDag_PrefersMostFreeTarget()
    {
        var outline = SyntheticDag.Balanced(leaves: 10, fanout: 174, leafBytes: 1000);
        var topology = new ClusterNode("root", [new TargetNode("a", GiB, 1 << 20), new TargetNode("b", GiB, 1 << 22), new TargetNode("c", GiB, 1 << 30, Healthy: false)]);

        var plan = ShardPlanner.Plan(outline, topology);

        Assert.Equal("b", Assert.Single(plan.Placements).Target);
    }

    [Fact]
    public void Plan_100GiBOver100TargetsIn10SubClusters_OneRangePerTargetNearTheIdeal()
    {
        var outline = SyntheticDag.Balanced(leaves: 100 * GiB / (1 << 18), fanout: 174, leafBytes: 1 << 18);
        var topology = Grid(clusters: 10, targetsPerCluster: 10, freeBytes: 2 * GiB);

        var plan = ShardPlanner.Plan(outline, topology);

        Assert.Equal(409_600, plan.TotalLeaves);
        Assert.Equal(100, plan.Placements.Count);
        Assert.Equal(100, plan.Targets.Count);
        PlanChecks.AssertCoverage(plan, plan.TotalLeaves, 1);
        PlanChecks.AssertCapacity(plan, topology);
        var ideal = plan.TotalBytes / 100.0;
        Assert.InRange(plan.Placements.Max(p => p.Bytes) / ideal, 1.0, 1.001);

        // Each sub-cluster holds one contiguous tenth, and a range is a few dozen recursive subtrees plus its borders.
        foreach (var cluster in plan.Placements.GroupBy(p => p.Target.Split('/')[0]))
        {
            Assert.Equal(10, cluster.Count());
            Assert.InRange(cluster.Sum(p => p.LeafCount), 40_900, 41_020);
        }

        Assert.All(plan.Placements, p => Assert.InRange(p.Pins.Count, 20, 400));

        // Bytes stored twice: only the border nodes a range pins directly although they start before it (its ancestors above the first leaf: ≤ 3 blocks a range).
        Assert.InRange(plan.Placements.Sum(p => p.Bytes) - plan.TotalBytes, 0, 100 * 3 * (12 + (40 * 174)));
    }

    [Fact]
    public void Plan_IrregularDagOverUnequalTargets_EachLoadWithinTwoCutsPerLevelOfItsIdeal()
    {
        // No share under MinRangeBytes and every target far above its reserve: only snapping to leaves remains, so the
        // tolerance is 2 × (height + 1) × U (U = largest leaf + largest border).
        var outline = SyntheticDag.Random(seed: 7, depth: 4, maxFanout: 120, hugeNodeLinks: 9_000, maxLeafBytes: 1 << 20, leafBudget: 40_000);
        var random = new Random(3);
        var topology = new ClusterNode("root", [.. Enumerable.Range(0, 3).Select(c => (TopologyNode)new ClusterNode(
            $"c{c}", [.. Enumerable.Range(0, 4).Select(t => (TopologyNode)new TargetNode($"t{t}", 1L << 40, (1L << 30) + random.NextInt64(8L << 30)))]))]);

        var plan = ShardPlanner.Plan(outline, topology, new ShardingOptions { MinRangeBytes = 0 });

        var unit = PlanChecks.Unit(outline);
        var free = PlanChecks.HealthyFree(topology);
        Assert.Equal(12, plan.Placements.Count);
        foreach (var (id, node) in PlanChecks.Targets(topology))
        {
            var ideal = (double)plan.TotalBytes * node.FreeBytes / free;
            Assert.InRange(plan.BytesOf(id), ideal - (2 * 3 * unit), ideal + (2 * 3 * unit));
        }
    }

    [Fact]
    public void Plan_SingleNodeAboveThreshold_ChunkedIntoLinkRanges()
    {
        var outline = SyntheticDag.Balanced(leaves: 9_000, fanout: 9_000, leafBytes: 1 << 20);
        var topology = Grid(clusters: 1, targetsPerCluster: 3, freeBytes: 4 * GiB);

        var plan = ShardPlanner.Plan(outline, topology, new ShardingOptions { MinRangeBytes = 0 });

        Assert.Equal(3, plan.Placements.Count);
        Assert.All(plan.Placements, p => Assert.Equal(new ShardPin(outline.Root, false), p.Pins[0]));
        Assert.All(plan.Placements, p => Assert.Equal(3_000, p.LeafCount));
        PlanChecks.AssertPinsReconstruct(plan, outline);
    }

    [Fact]
    public void Plan_MoreThanTheClusterHolds_ThrowsCapacityWithTotals()
    {
        var outline = SyntheticDag.Balanced(leaves: 10_000, fanout: 174, leafBytes: 1 << 20);
        var topology = Grid(clusters: 2, targetsPerCluster: 2, freeBytes: 1 * GiB);

        var error = Assert.Throws<IpfsKitCapacityException>(() => ShardPlanner.Plan(outline, topology, new ShardingOptions { Replication = 2 }));

        Assert.Equal("cluster root", error.Store);
        Assert.Equal(4 * GiB, error.AvailableBytes);
        Assert.True(error.RequiredBytes > 2 * 10_000L * (1 << 20));
    }

    [Fact]
    public void Plan_ThreeReplicasOnEqualSubClusters_RotatedOneOrTwoRangesATargetInOtherSubClusters()
    {
        var outline = SyntheticDag.Balanced(leaves: 40_000, fanout: 174, leafBytes: 1 << 16);
        var topology = Grid(clusters: 4, targetsPerCluster: 5, freeBytes: 1 * GiB);

        var plan = ShardPlanner.Plan(outline, topology, new ShardingOptions { Replication = 3, MinRangeBytes = 1 << 20 });

        PlanChecks.AssertCoverage(plan, plan.TotalLeaves, 3);
        PlanChecks.AssertCapacity(plan, topology);
        Assert.InRange(plan.Placements.Count, 60, 60 + 2);
        Assert.All(plan.Targets, t => Assert.InRange(plan.PlacementsOf(t).Count(), 3, 4));
        foreach (var domain in plan.Placements.GroupBy(p => p.Target.Split('/')[0]))
        {
            var ranges = domain.OrderBy(p => p.FirstLeaf).ToList();
            Assert.All(ranges.Zip(ranges.Skip(1)), pair => Assert.True(pair.First.FirstLeaf + pair.First.LeafCount <= pair.Second.FirstLeaf));
        }

        var ideal = 3.0 * plan.TotalBytes / 20;
        Assert.All(plan.Targets, t => Assert.InRange(plan.BytesOf(t) / ideal, 0.99, 1.01));
    }

    [Fact]
    public void Repair_DeadTarget_NewRangesInItsSubClusterOnly()
    {
        var outline = SyntheticDag.Balanced(leaves: 40_000, fanout: 174, leafBytes: 1 << 16);
        var topology = Grid(clusters: 4, targetsPerCluster: 5, freeBytes: 1 * GiB);
        var options = new ShardingOptions { Replication = 2, MinRangeBytes = 1 << 20 };
        var plan = ShardPlanner.Plan(outline, topology, options);

        var repair = ShardPlanner.Repair(plan, outline, ShardPlannerRepairProperties.AfterPlan(topology, plan), "c2/t3", options);

        Assert.All(repair.Placements, p => Assert.StartsWith("c2/", p.Target, StringComparison.Ordinal));
        Assert.Equal(plan.PlacementsOf("c2/t3").Sum(p => p.LeafCount), repair.Placements.Sum(p => p.LeafCount));
        var merged = plan.Merge(repair, "c2/t3");
        PlanChecks.AssertCoverage(merged, plan.TotalLeaves, 2);
        Assert.Empty(merged.PlacementsOf("c2/t3"));
    }

    [Fact]
    public void Repair_UnknownTarget_Throws()
    {
        var outline = SyntheticDag.Balanced(leaves: 10, fanout: 174, leafBytes: 10);
        var topology = Grid(clusters: 1, targetsPerCluster: 2, freeBytes: GiB);
        var plan = ShardPlanner.Plan(outline, topology);

        Assert.Throws<ArgumentException>(() => ShardPlanner.Repair(plan, outline, topology, "nope"));
    }

    [Fact]
    public void TopologyJson_RoundTrips_WithKindDiscriminator()
    {
        var topology = Grid(clusters: 2, targetsPerCluster: 2, freeBytes: GiB) with { };
        var json = ShardPlanJson.SerializeTopology(topology);

        var back = Assert.IsType<ClusterNode>(ShardPlanJson.DeserializeTopology(json));

        Assert.Contains("\"kind\": \"cluster\"", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\": \"target\"", json, StringComparison.Ordinal);
        Assert.Equal(json, ShardPlanJson.SerializeTopology(back));
    }

    [Fact]
    public void PlanJson_WritesCidStrings()
    {
        var outline = SyntheticDag.Balanced(leaves: 10, fanout: 174, leafBytes: 10);
        var plan = ShardPlanner.Plan(outline, Grid(1, 1, GiB));

        var json = ShardPlanJson.Serialize(plan);

        Assert.Contains($"\"root\": \"{outline.Root}\"", json, StringComparison.Ordinal);
        Assert.Contains("\"recursive\": true", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"targets\"", json, StringComparison.Ordinal);
        Assert.Equal(plan.Placements.Single().Pins, ShardPlanJson.Deserialize(json).Placements.Single().Pins);
    }

    /// <summary>Sub-clusters <c>c0…</c> of targets <c>t0…</c>, all with the same free bytes.</summary>
    internal static ClusterNode Grid(int clusters, int targetsPerCluster, long freeBytes) =>
        new("root", [.. Enumerable.Range(0, clusters).Select(c => (TopologyNode)new ClusterNode(
            $"c{c}", [.. Enumerable.Range(0, targetsPerCluster).Select(t => (TopologyNode)new TargetNode($"t{t}", 2 * freeBytes, freeBytes))]))]);
}
