using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.DagPb;
using IpfsKit.Content.UnixFs.Reading;
using IpfsKit.Sharding;
using IpfsKit.Sharding.Execution;
using IpfsKit.Transports;
using IpfsKit.Transports.Embedded;

namespace IpfsKit.Tests.Sharding;

[Trait("Category", "Sharding")]
public sealed class ClusterBlockSourceTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("zone-a/peer-1")]
    [InlineData("zone-b/peer-2")]
    public async Task UnixFsReader_OverShardedFile_ReadsItByteExact(string? preferred)
    {
        await using var cluster = await EmbeddedShardCluster.CreateAsync(EmbeddedShardCluster.TwoZones());
        using var executor = await ShardExecutor.OpenAsync();
        (await executor.ExecuteAsync(cluster.Plan, cluster.Targets, cluster.Origin)).EnsureSuccess();
        var source = new ClusterBlockSource(cluster.Plan, cluster.Targets, new ClusterBlockSourceOptions { PreferredTarget = preferred });

        var read = await ReadAsync(source, cluster.Root);

        Assert.Equal(cluster.Content, read);
    }

    [Fact]
    public async Task GetAsync_HolderLies_SkipsItAndReturnsVerifiedBlock()
    {
        await using var cluster = await EmbeddedShardCluster.CreateAsync(EmbeddedShardCluster.TwoZones());
        await using var honest = await EmbeddedTransport.OpenAsync(new EmbeddedTransportOptions());
        using var executor = await ShardExecutor.OpenAsync();
        (await executor.ExecuteAsync(cluster.Plan, cluster.Targets, cluster.Origin)).EnsureSuccess();
        await foreach (var cid in cluster.Origin.EnumerateAsync())
        {
            await honest.PutBlockAsync((await cluster.Origin.GetAsync(cid))!);
        }

        // Every target of the plan lies; an extra target, in no placement, tells the truth.
        var targets = cluster.Targets.ToDictionary(t => t.Key, t => (IIpfsTransport)new LyingTransport(t.Value));
        targets["spare"] = honest;
        var source = new ClusterBlockSource(cluster.Plan, targets, new ClusterBlockSourceOptions { AttemptTimeout = TimeSpan.FromSeconds(2) });

        var read = await ReadAsync(source, cluster.Root);

        Assert.Equal(cluster.Content, read);
    }

    [Fact]
    public async Task GetAsync_NoTargetHasBlock_ReturnsNull()
    {
        await using var cluster = await EmbeddedShardCluster.CreateAsync(EmbeddedShardCluster.TwoZones());
        var source = new ClusterBlockSource(cluster.Plan, cluster.Targets, new ClusterBlockSourceOptions { AttemptTimeout = TimeSpan.FromSeconds(1) });

        Assert.Null(await source.GetAsync(Block.Create(new byte[] { 1, 2, 3 }).Cid));
    }

    [Fact]
    public async Task LearnAsync_WholePinOfCidV0Root_LeafAskedOfItsHolderOnly()
    {
        await using var holder = await EmbeddedTransport.OpenAsync(new EmbeddedTransportOptions());
        await using var stranger = await EmbeddedTransport.OpenAsync(new EmbeddedTransportOptions());
        var content = new byte[1024 * 1024];
        new Random(12).NextBytes(content);
        var root = (await holder.AddAsync(new MemoryStream(content))).Cid;
        await stranger.AddAsync(new MemoryStream(content)); // holds the file too, but no placement says so
        var plan = new ShardPlan(root, 4, content.Length, 1, [new ShardPlacement("holder", 0, 0, 4, content.Length, [new ShardPin(root, true)])]);
        var targets = new Dictionary<string, IIpfsTransport> { ["holder"] = holder, ["stranger"] = stranger };
        var source = new ClusterBlockSource([plan], targets, new ClusterBlockSourceOptions { AskOtherTargets = false });
        var leaf = DagPbCodec.Decode((await holder.GetBlockAsync(root)).Data).Links[0].Hash;

        Assert.Equal(0, root.Version);
        Assert.Null(await source.GetAsync(leaf)); // its holder is not known yet, and no other target is asked

        await source.LearnAsync(holder.Blocks);

        Assert.Equal(leaf, (await source.GetAsync(leaf))?.Cid);
    }

    internal static async Task<byte[]> ReadAsync(IBlockSource source, Cid root)
    {
        await using var stream = await new UnixFsReader(source).OpenReadAsync(root);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private sealed class LyingTransport(IIpfsTransport inner) : DelegatingIpfsTransport(inner)
    {
        public override async Task<Block> GetBlockAsync(Cid cid, CancellationToken cancellationToken = default)
        {
            var real = await base.GetBlockAsync(cid, cancellationToken);
            var wrong = real.Data.ToArray();
            wrong[^1] ^= 0xFF;
            return Block.Create(wrong);
        }
    }
}
