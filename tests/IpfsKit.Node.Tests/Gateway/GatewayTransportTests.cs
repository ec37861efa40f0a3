using System.Diagnostics;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.UnixFs.Reading;
using IpfsKit.Transports.Gateway;
using Xunit.Abstractions;

namespace IpfsKit.Node.Tests.Gateway;

/// <summary>
/// Issue 15, item 5: IpfsKit's own <see cref="GatewayTransport"/> (a trustless-gateway client that verifies every block)
/// reads every file and directory of <see cref="GatewaySite"/> through the host's gateway, block by block
/// (<c>format=raw</c>) and as CARs (<c>format=car</c>), byte for byte.
/// </summary>
[Trait("Category", "Gateway")]
public sealed class GatewayTransportTests(GatewayFixture fixture, ITestOutputHelper output) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task CatAndCar_EveryFile_ByteForByte()
    {
        var clock = Stopwatch.StartNew();
        var transport = new GatewayTransport(fixture.Host.Gateway);
        foreach (var (path, expected) in fixture.Site.Files)
        {
            var cid = await fixture.Site.CidOfAsync(path);
            await using (var content = await transport.CatAsync(cid))
            {
                Assert.Equal(expected, await ReadAllAsync(content));
            }

            var fromCar = await CarBlocksAsync(transport, cid);
            await using (var rebuilt = await new UnixFsReader(fromCar).OpenReadAsync(cid))
            {
                Assert.Equal(expected, await ReadAllAsync(rebuilt));
            }

            output.WriteLine($"{clock.ElapsedMilliseconds,6} ms  {path}: {expected.Length:N0} B by raw blocks and by a CAR of {fromCar.Count} block(s)");
        }
    }

    [Fact]
    public async Task ListAndCar_PlainAndShardedDirectories_EveryEntryAndBlock()
    {
        var clock = Stopwatch.StartNew();
        var transport = new GatewayTransport(fixture.Host.Gateway);
        foreach (var (name, cid) in new[] { ("plain", fixture.Site.Plain), ("sharded", fixture.Site.Sharded), ("root", fixture.Site.Root) })
        {
            var listed = new List<string>();
            await foreach (var entry in transport.ListAsync(cid))
            {
                listed.Add(entry.Name);
            }

            var expected = new List<string>();
            await foreach (var entry in new UnixFsReader(fixture.Site.Blocks).ListAsync(cid))
            {
                expected.Add(entry.Name);
            }

            Assert.Equal(expected.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
            var fromCar = await CarBlocksAsync(transport, cid);
            var local = new List<Cid>();
            await foreach (var block in IpfsKit.Blocks.DagWalker.WalkAsync(fixture.Site.Blocks, cid, new IpfsKit.Blocks.DagWalkOptions { SkipMissing = true }, CancellationToken.None))
            {
                local.Add(block.Cid);
            }

            Assert.Equal(local.ToHashSet(), fromCar.Cids.ToHashSet());
            output.WriteLine($"{clock.ElapsedMilliseconds,6} ms  {name}/: {listed.Count} entries listed by raw blocks, its CAR has all {fromCar.Count} blocks");
        }
    }

    private static async Task<CarBlocks> CarBlocksAsync(GatewayTransport transport, Cid cid)
    {
        var blocks = new CarBlocks();
        await foreach (var block in transport.GetCarAsync(cid))
        {
            await blocks.PutAsync(block);
            blocks.Cids.Add(block.Cid);
        }

        return blocks;
    }

    private static async Task<byte[]> ReadAllAsync(Stream content)
    {
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>The blocks of one CAR, in arrival order.</summary>
    private sealed class CarBlocks : IBlockSource
    {
        private readonly MemoryBlockStore _store = new();

        public List<Cid> Cids { get; } = [];

        public int Count => Cids.Count;

        public ValueTask<Block?> GetAsync(Cid cid, CancellationToken cancellationToken = default) => _store.GetAsync(cid, cancellationToken);

        public ValueTask PutAsync(Block block) => _store.PutAsync(block);
    }
}
