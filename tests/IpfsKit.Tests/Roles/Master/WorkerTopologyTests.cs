using IpfsKit.Roles.Coordination;
using IpfsKit.Roles.Master.Internal;
using IpfsKit.Sharding;

namespace IpfsKit.Tests.Roles.Master;

[Trait("Category", "Roles")]
public sealed class WorkerTopologyTests
{
    [Fact]
    public void Build_NoZones_FlatTargetsNamedByWorkerId()
    {
        var (topology, byTarget) = WorkerTopology.Build([Worker("w1", null, 100), Worker("w2", null, 50)]);

        Assert.Equal(["w1", "w2"], topology.Children.Select(c => c.Name));
        Assert.Equal(50, ((TargetNode)topology.Children[1]).FreeBytes);
        Assert.Equal(["w1", "w2"], byTarget.Keys.Order());
    }

    [Fact]
    public void Build_Zones_SubClustersAndPathIds()
    {
        var (topology, byTarget) = WorkerTopology.Build([Worker("w1", "zone-b", 1), Worker("w2", "zone-a", 1), Worker("w3", null, 1)]);

        Assert.Equal(["default", "zone-a", "zone-b"], topology.Children.Select(c => c.Name));
        Assert.Equal(["default/w3", "zone-a/w2", "zone-b/w1"], byTarget.Keys.Order());
    }

    [Fact]
    public void WithGone_PathOfAZone_AddsAnUnhealthyTargetThere()
    {
        var (topology, _) = WorkerTopology.Build([Worker("w1", "zone-a", 1)]);

        var zoned = WorkerTopology.WithGone(topology, "zone-a/w9");
        var other = WorkerTopology.WithGone(topology, "zone-c/w8");

        var gone = Assert.IsType<TargetNode>(((ClusterNode)zoned.Children[0]).Children[1]);
        Assert.Equal(("w9", false), (gone.Name, gone.Healthy));
        Assert.Equal(["zone-a", "zone-c"], other.Children.Select(c => c.Name));
    }

    private static WorkerInfo Worker(string id, string? zone, long free) =>
        new(id, new Uri($"http://{id}/"), zone, 100, free, 0, WorkerState.Alive, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
}
