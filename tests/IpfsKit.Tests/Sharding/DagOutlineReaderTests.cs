using IpfsKit.Content;
using IpfsKit.Content.UnixFs.Importing;
using IpfsKit.Sharding;
using static IpfsKit.Tests.Sharding.ShardingTestKit;

namespace IpfsKit.Tests.Sharding;

[Trait("Category", "Sharding")]
public sealed class DagOutlineReaderTests
{
    public static TheoryData<string> Profiles => ["v0-dagpb-leaves", "v1-raw-leaves", "v0-trickle", "v1-trickle", "v0-small-fanout"];

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task ReadAsync_ImportedFile_FetchesOnlyInternalNodes(string profile)
    {
        var options = Options(profile);
        var (store, root) = await ImportAsync((3 * 1024 * 1024) + 12_345, seed: 7, options);
        var counting = new CountingBlockSource(store);

        var outline = await DagOutlineReader.ReadAsync(counting, root);

        var internalNodes = await CountInternalAsync(store, root);
        Assert.Equal(internalNodes, outline.Nodes.Count);
        Assert.Equal(internalNodes, counting.Reads);
        var leaves = Leaves(outline);
        Assert.Equal((3 * 1024 * 1024 / options.ChunkSize) + 1, leaves.Count);
        Assert.All(leaves, leaf => Assert.False(outline.Nodes.ContainsKey(leaf)));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task ReadAsync_ImportedFile_LinksCarryBlocksizesAndTsizes(string profile)
    {
        var length = (2 * 1024 * 1024) + 999L;
        var (store, root) = await ImportAsync(length, seed: 8, Options(profile));

        var outline = await DagOutlineReader.ReadAsync(store, root);

        var rootNode = outline.Nodes[root];
        Assert.Equal(length, rootNode.Links.Sum(l => l.ContentBytes));
        var totalBlocks = store.TotalBytes;
        Assert.Equal(totalBlocks, rootNode.BlockBytes + rootNode.Links.Sum(l => l.DagBytes));
        foreach (var node in outline.Nodes.Values)
        {
            Assert.Equal((await store.GetAsync(node.Cid))!.Size, node.BlockBytes);
            Assert.All(node.Links, l => Assert.True(l.DagBytes >= l.ContentBytes && l.ContentBytes > 0));
        }
    }

    [Fact]
    public async Task ReadAsync_SingleBlockFile_OutlineIsEmpty()
    {
        var (store, root) = await ImportAsync(1000, seed: 9);

        var outline = await DagOutlineReader.ReadAsync(store, root);

        Assert.Empty(outline.Nodes);
        Assert.Equal([root], Leaves(outline));
    }

    [Fact]
    public async Task ReadForPlanAsync_GranuleOfThreeMembers_ReadsFewerNodesAndThePlanReadsTheSameOutlineAgain()
    {
        var (store, root) = await ImportAsync(1024 * 1024, seed: 10, new ImportOptions { MaxLinks = 4, ChunkSize = 1024 });
        var topology = new ClusterNode("root", [.. "abc".Select(n => (TopologyNode)new TargetNode(n.ToString(), 1L << 30, 1L << 30))]);
        var options = new ShardingOptions { LinkThreshold = 50, MinRangeBytes = 0, Replication = 2 };
        var full = await DagOutlineReader.ReadAsync(store, root);
        var counting = new CountingBlockSource(store);

        var bounded = await DagOutlineReader.ReadForPlanAsync(counting, root, topology, options);
        var plan = ShardPlanner.Plan(bounded, topology, options);
        var again = await DagOutlineReader.ReadForPlanAsync(store, ShardPlanJson.Deserialize(ShardPlanJson.Serialize(plan)), options, CancellationToken.None);
        var repair = ShardPlanner.Repair(plan, again, topology, "b", options);

        Assert.InRange(bounded.Nodes.Count, 2, full.Nodes.Count / 2);
        Assert.Equal(bounded.Nodes.Count, counting.Reads);
        Assert.Equal(bounded.MinExpandBytes, plan.MinExpandBytes);
        Assert.InRange(plan.MinExpandBytes, 1, store.TotalBytes / (3 * OutlineGranule.RangesPerShare));
        Assert.Equal(bounded.Nodes.Keys.Order(), again.Nodes.Keys.Order());
        Assert.Equal(store.TotalBytes, plan.TotalBytes);
        Assert.Equal(plan.BytesOf("b"), repair.Placements.Sum(p => p.Bytes), tolerance: plan.BytesOf("b") / 10);
        Assert.DoesNotContain(repair.Placements, p => p.Target == "b");
    }

    private static ImportOptions Options(string profile) => profile switch
    {
        "v0-dagpb-leaves" => new ImportOptions(),
        "v1-raw-leaves" => new ImportOptions { CidVersion = 1 },
        "v0-trickle" => new ImportOptions { Layout = DagLayout.Trickle, ChunkSize = 65_536 },
        "v1-trickle" => new ImportOptions { CidVersion = 1, Layout = DagLayout.Trickle, ChunkSize = 65_536 },
        "v0-small-fanout" => new ImportOptions { MaxLinks = 4, ChunkSize = 65_536 },
        _ => throw new ArgumentOutOfRangeException(nameof(profile)),
    };

    private static async Task<int> CountInternalAsync(Blocks.MemoryBlockStore store, Cid root)
    {
        var count = 0;
        foreach (var cid in await DagCidsAsync(store, root))
        {
            if (cid.Codec == Multicodec.DagPb)
            {
                var block = await store.GetAsync(cid);
                if (Content.DagPb.DagPbCodec.Decode(block!.Data).Links.Count > 0)
                {
                    count++;
                }
            }
        }

        return count;
    }
}
