using IpfsKit.Sharding.Execution;

namespace IpfsKit.Tests.Sharding;

[Trait("Category", "Sharding")]
public sealed class ShardRepairerTests
{
    [Theory]
    [InlineData("zone-a/peer-1", "zone-a/peer-0")]
    [InlineData("zone-b/peer-2", null)]
    public async Task RepairAsync_DeadTarget_SurvivorsHoldItsRangesAndFileReads(string dead, string? onlyHeir)
    {
        await using var cluster = await EmbeddedShardCluster.CreateAsync(EmbeddedShardCluster.TwoZones());
        using var executor = await ShardExecutor.OpenAsync();
        (await executor.ExecuteAsync(cluster.Plan, cluster.Targets, cluster.Origin)).EnsureSuccess();
        var survivors = cluster.Targets.Where(t => t.Key != dead).ToDictionary(t => t.Key, t => t.Value);

        var repair = await new ShardRepairer(executor).RepairAsync(cluster.Plan, cluster.Outline, cluster.Topology, dead, survivors, cluster.Origin, cluster.Options);

        repair.Execution.EnsureSuccess();
        Assert.NotEmpty(repair.RepairPlan.Placements);
        Assert.DoesNotContain(repair.RepairPlan.Placements, p => p.Target == dead);
        if (onlyHeir is not null)
        {
            Assert.All(repair.RepairPlan.Placements, p => Assert.Equal(onlyHeir, p.Target));
        }

        var deadLeaves = cluster.Plan.Placements.Where(p => p.Target == dead).Sum(p => p.LeafCount);
        Assert.Equal(deadLeaves, repair.RepairPlan.Placements.Sum(p => p.LeafCount));
        Assert.Equal(cluster.Plan.TotalLeaves, repair.Plan.Placements.Sum(p => p.LeafCount));
        foreach (var placement in repair.Plan.Placements)
        {
            var pins = new HashSet<Content.Cid>();
            await foreach (var pin in survivors[placement.Target].ListPinsAsync())
            {
                pins.Add(pin.Cid.ToV1());
            }

            Assert.All(placement.Pins, p => Assert.Contains(p.Cid.ToV1(), pins));
        }

        var source = new ClusterBlockSource(repair.Plan, survivors);
        Assert.Equal(cluster.Content, await ClusterBlockSourceTests.ReadAsync(source, cluster.Root));

        // The dead target's progress is forgotten: given its ranges again, it gets them again; the others are done.
        var again = await executor.ExecuteAsync(cluster.Plan, cluster.Targets, cluster.Origin);
        again.EnsureSuccess();
        Assert.All(again.Targets, t => Assert.Equal(t.Target == dead ? 1 : 0, t.PlacementsApplied));
    }
}
