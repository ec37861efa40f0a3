using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.UnixFs.Importing;
using IpfsKit.Sharding;
using IpfsKit.Transports;
using IpfsKit.Transports.Embedded;
using static IpfsKit.Tests.Sharding.ShardingTestKit;
using IpfsKit.Testing.Streams;

namespace IpfsKit.Tests.Sharding;

/// <summary>A file sharded over embedded nodes: its origin store, outline, plan and the nodes by target id.</summary>
internal sealed class EmbeddedShardCluster : IAsyncDisposable
{
    private readonly List<EmbeddedTransport> _nodes = [];

    private EmbeddedShardCluster(MemoryBlockStore origin, Cid root, DagOutline outline, ClusterNode topology, ShardingOptions options)
    {
        (Origin, Root, Outline, Topology, Options) = (origin, root, outline, topology, options);
        Plan = ShardPlanner.Plan(outline, topology, options);
    }

    public MemoryBlockStore Origin { get; }

    public Cid Root { get; }

    public DagOutline Outline { get; }

    public ClusterNode Topology { get; }

    public ShardingOptions Options { get; }

    public ShardPlan Plan { get; }

    public Dictionary<string, IIpfsTransport> Targets { get; } = new(StringComparer.Ordinal);

    public byte[] Content { get; private set; } = [];

    /// <summary>Two zones: <c>zone-a/peer-0</c>, <c>zone-a/peer-1</c>, <c>zone-b/peer-2</c>.</summary>
    public static ClusterNode TwoZones() => new("root",
    [
        new ClusterNode("zone-a", [new TargetNode("peer-0", 1L << 40, 1L << 40), new TargetNode("peer-1", 1L << 40, 1L << 40)]),
        new ClusterNode("zone-b", [new TargetNode("peer-2", 1L << 40, 1L << 40)]),
    ]);

    public static async Task<EmbeddedShardCluster> CreateAsync(ClusterNode topology, long length = (60 * 65_536) - 77)
    {
        var (origin, root) = await ImportAsync(length, seed: 11, new ImportOptions { ChunkSize = 65_536, MaxLinks = 8 });
        var outline = await DagOutlineReader.ReadAsync(origin, root);
        var cluster = new EmbeddedShardCluster(origin, root, outline, topology, new ShardingOptions { LinkThreshold = 10, MinRangeBytes = 1 })
        {
            Content = Testing.Streams.SeededRandomStream.Bytes(11, (int)length),
        };
        foreach (var placement in cluster.Plan.Placements.Select(p => p.Target).Distinct())
        {
            var node = await EmbeddedTransport.OpenAsync(new EmbeddedTransportOptions());
            cluster._nodes.Add(node);
            cluster.Targets[placement] = node;
        }

        return cluster;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
    }
}
