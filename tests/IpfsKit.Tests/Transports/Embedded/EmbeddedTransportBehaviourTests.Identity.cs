using IpfsKit.Content;
using IpfsKit.Transports;

namespace IpfsKit.Tests.Transports.Embedded;

/// <summary>Identity CIDs carry their bytes: pinning one holds no stored block, and it is always readable.</summary>
public sealed partial class EmbeddedTransportBehaviourTests
{
    [Theory]
    [InlineData(PinMode.Recursive)]
    [InlineData(PinMode.Direct)]
    public async Task Pin_IdentityCid_ListedReadableAndMarksNothing(PinMode mode)
    {
        var identity = Cid.Parse("bafkqaatine");
        await using var node = await OpenDiskAsync();

        await node.PinAsync(identity, mode);

        Assert.Contains(new PinEntry(identity, mode), await ToListAsync(node.ListPinsAsync()));
        Assert.Equal(identity.Hash.Digest.ToArray(), (await node.GetBlockAsync(identity)).Data.ToArray());
        Assert.Equal(identity.Hash.Digest.Length, (await node.StatBlockAsync(identity)).Size);
        Assert.Empty(await ToListAsync(node.Blocks.Disk!.EnumeratePinsAsync()));
    }
}
