using IpfsKit.Blocks;
using IpfsKit.Storage;
using IpfsKit.Transports;
using Microsoft.Extensions.DependencyInjection;

namespace IpfsKit.Tests.Transports;

/// <summary>A transport read as the core's block source: a hit is the block, a block the node lacks is a miss.</summary>
[Trait("Category", "Transport")]
public sealed class IpfsTransportExtensionsTests
{
    [Fact]
    public async Task AsBlockSource_EmbeddedNode_HitAndMiss()
    {
        await using var services = new ServiceCollection().AddIpfsKit().UseEmbeddedNode(s => s.MaxMemory = ByteSize.FromMebibytes(8)).Services.BuildServiceProvider();
        var ipfs = services.GetRequiredService<IIpfsKit>();
        var held = Block.Create("held by the node"u8.ToArray());
        await ipfs.PutBlockAsync(held);
        var source = (await ipfs.GetTransportAsync()).AsBlockSource();

        Assert.Equal(held.Data.ToArray(), (await source.GetAsync(held.Cid))!.Data.ToArray());
        Assert.Null(await source.GetAsync(Block.Create("never put"u8.ToArray()).Cid));
    }
}
