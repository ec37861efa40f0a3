using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.DagPb;
using IpfsKit.Errors;
using IpfsKit.Testing.Streams;
using IpfsKit.Transports;

namespace IpfsKit.Tests.Transports;

/// <content>Blocks and pins.</content>
public abstract partial class TransportContractTests
{
    public static TheoryData<string> BlockKinds() => new() { "raw", "dag-pb" };

    [Theory]
    [MemberData(nameof(BlockKinds))]
    public async Task Block_PutGetStat_RoundTrips(string kind)
    {
        var block = MakeBlock(kind, 21);
        if (!await SupportsAsync(TransportCapabilities.BlockWrite, () => Transport.PutBlockAsync(block)))
        {
            return;
        }

        await Transport.PutBlockAsync(block);

        if (!await SupportsAsync(TransportCapabilities.BlockRead, () => Transport.GetBlockAsync(block.Cid)))
        {
            return;
        }

        var read = await Transport.GetBlockAsync(block.Cid);
        var stat = await Transport.StatBlockAsync(block.Cid);
        Assert.Equal(block.Cid, read.Cid);
        Assert.Equal(block.Data.ToArray(), read.Data.ToArray());
        Assert.Equal(block.Cid, stat.Cid);
        Assert.Equal(block.Size, stat.Size);
    }

    [Fact]
    public async Task Pin_Recursive_AddListRemove()
    {
        if (!await SupportsAsync(TransportCapabilities.Pins, () => PinsAsync(null)) ||
            !await SupportsAsync(TransportCapabilities.Add, () => Transport.AddAsync(Content(1, 1))))
        {
            return;
        }

        var added = await Transport.AddAsync(Content(31, 700_000), new AddOptions { Pin = false });
        Assert.DoesNotContain(new PinEntry(added.Cid, PinMode.Recursive), await PinsAsync(PinMode.Recursive));

        await Transport.PinAsync(added.Cid, PinMode.Recursive);
        Assert.Contains(new PinEntry(added.Cid, PinMode.Recursive), await PinsAsync(PinMode.Recursive));
        Assert.Contains(new PinEntry(added.Cid, PinMode.Recursive), await PinsAsync(null));

        await Transport.UnpinAsync(added.Cid, PinMode.Recursive);
        Assert.DoesNotContain(added.Cid, (await PinsAsync(null)).Select(p => p.Cid));
    }

    [Fact]
    public async Task Add_WithPin_PinsRecursively()
    {
        if (!await SupportsAsync(TransportCapabilities.Pins, () => PinsAsync(null)) ||
            !await SupportsAsync(TransportCapabilities.Add, () => Transport.AddAsync(Content(1, 1))))
        {
            return;
        }

        var added = await Transport.AddAsync(Content(32, 300_000));

        Assert.Contains(new PinEntry(added.Cid, PinMode.Recursive), await PinsAsync(PinMode.Recursive));
    }

    [Fact]
    public async Task Pin_Direct_AddListRemove()
    {
        var block = MakeBlock("raw", 33);
        if (!await SupportsAsync(TransportCapabilities.Pins, () => PinsAsync(null)) ||
            !await SupportsAsync(TransportCapabilities.BlockWrite, () => Transport.PutBlockAsync(block)))
        {
            return;
        }

        await Transport.PutBlockAsync(block);
        await Transport.PinAsync(block.Cid, PinMode.Direct);
        Assert.Contains(new PinEntry(block.Cid, PinMode.Direct), await PinsAsync(PinMode.Direct));
        Assert.DoesNotContain(block.Cid, (await PinsAsync(PinMode.Recursive)).Select(p => p.Cid));

        await Transport.UnpinAsync(block.Cid, PinMode.Direct);
        Assert.DoesNotContain(block.Cid, (await PinsAsync(null)).Select(p => p.Cid));
    }

    [Fact]
    public async Task Unpin_NotPinned_BehavesAsDeclared()
    {
        var block = MakeBlock("raw", 34);
        if (!await SupportsAsync(TransportCapabilities.Pins, () => PinsAsync(null)) ||
            !await SupportsAsync(TransportCapabilities.BlockWrite, () => Transport.PutBlockAsync(block)))
        {
            return;
        }

        await Transport.PutBlockAsync(block);
        if (Contract.UnpinOfUnpinnedThrows)
        {
            await Assert.ThrowsAnyAsync<IpfsKitException>(() => Transport.UnpinAsync(block.Cid));
        }
        else
        {
            await Transport.UnpinAsync(block.Cid);
        }

        Assert.DoesNotContain(block.Cid, (await PinsAsync(null)).Select(p => p.Cid));
    }

    /// <summary>A small block of the named kind: "raw" (CIDv1 raw) or "dag-pb" (CIDv0, one link, some data).</summary>
    protected static Block MakeBlock(string kind, ulong seed)
    {
        var data = SeededRandomStream.Bytes(seed, 1000);
        if (kind == "raw")
        {
            return Block.Create(data);
        }

        var child = Block.Create(SeededRandomStream.Bytes(seed + 1, 10));
        var node = new DagPbNode([new DagPbLink(child.Cid, "child", 10)], data);
        return Block.Create(DagPbCodec.Encode(node), Multicodec.DagPb, version: 0);
    }

    private async Task<List<PinEntry>> PinsAsync(PinMode? mode)
    {
        var list = new List<PinEntry>();
        await foreach (var pin in Transport.ListPinsAsync(mode))
        {
            list.Add(pin);
        }

        return list;
    }
}
