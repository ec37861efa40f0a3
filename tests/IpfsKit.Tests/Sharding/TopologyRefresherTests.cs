using IpfsKit.Sharding;
using IpfsKit.Sharding.Execution;
using IpfsKit.Storage;
using IpfsKit.Transports;
using IpfsKit.Transports.Embedded;
using IpfsKit.Transports.KuboRpc;

namespace IpfsKit.Tests.Sharding;

[Trait("Category", "Sharding")]
public sealed class TopologyRefresherTests
{
    [Fact]
    public async Task RefreshAsync_ReadsRepoFiguresAndMarksSilentTargetsUnhealthy()
    {
        await using var node = await EmbeddedTransport.OpenAsync(new EmbeddedTransportOptions { Storage = new StorageOptions { MaxMemory = ByteSize.FromMebibytes(8) } });
        await node.AddAsync(new MemoryStream(new byte[100_000]));
        using var closed = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:1/") };
        var targets = new Dictionary<string, IIpfsTransport>
        {
            ["zone-a/live"] = node,
            ["zone-a/refused"] = new KuboRpcTransport(closed),
        };
        var topology = new ClusterNode("root",
        [
            new ClusterNode("zone-a", [new TargetNode("live", 1, 1), new TargetNode("refused", 1, 1)]),
            new ClusterNode("zone-b", [new TargetNode("unknown", 1, 1)]),
        ]);

        var refreshed = await TopologyRefresher.RefreshAsync(topology, targets, TimeSpan.FromSeconds(5));

        var zoneA = (ClusterNode)refreshed.Children[0];
        var live = (TargetNode)zoneA.Children[0];
        var stat = await node.RepoStatAsync();
        Assert.Equal((stat.StorageMax, stat.FreeBytes, true), (live.CapacityBytes, live.FreeBytes, live.Healthy));
        Assert.True(live.FreeBytes < live.CapacityBytes);
        Assert.False(((TargetNode)zoneA.Children[1]).Healthy);
        Assert.False(((TargetNode)((ClusterNode)refreshed.Children[1]).Children[0]).Healthy);
        Assert.Equal(topology.Children.Count, refreshed.Children.Count);
    }
}
