using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.DagPb;
using IpfsKit.Errors;
using IpfsKit.Storage;
using IpfsKit.Testing.Streams;
using IpfsKit.Transports;
using IpfsKit.Transports.Embedded;

namespace IpfsKit.Tests.Transports.Embedded;

/// <summary>What only the embedded node promises: durability, eviction, pin bookkeeping, identity, no swarm.</summary>
[Trait("Category", "Transport")]
public sealed partial class EmbeddedTransportBehaviourTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Pins_Reopen_Survive()
    {
        Cid file;
        var block = Block.Create(SeededRandomStream.Bytes(2, 500));
        await using (var node = await OpenDiskAsync())
        {
            file = (await node.AddAsync(new SeededRandomStream(1, 700_000))).Cid;
            await node.PutBlockAsync(block);
            await node.PinAsync(block.Cid, PinMode.Direct);
        }

        await using var reopened = await OpenDiskAsync();
        var pins = await ToListAsync(reopened.ListPinsAsync());

        Assert.Equal(
            new[] { new PinEntry(file, PinMode.Recursive), new PinEntry(block.Cid, PinMode.Direct) }.OrderBy(p => p.Cid),
            pins.OrderBy(p => p.Cid));
        Assert.True(reopened.Blocks.Disk!.IsPinned(file));
        await using var stream = await reopened.CatAsync(file);
        Assert.Equal(700_000, stream.Length);
    }

    [Fact]
    public async Task PinnedFile_DiskBudgetTight_IsNeverEvicted()
    {
        await using var node = await OpenDiskAsync(maxStorage: ByteSize.FromMebibytes(2), maxMemory: ByteSize.Zero);
        var pinned = await node.AddAsync(new SeededRandomStream(10, 1_000_000));

        // Unpinned adds, each within the free budget (an add holds its own blocks while it runs), 5 MB in all.
        for (var seed = 11UL; seed < 17; seed++)
        {
            await node.AddAsync(new SeededRandomStream(seed, 850_000), new AddOptions { Pin = false });
        }

        Assert.True(node.Blocks.Disk!.GetStatistics().Evictions > 0, "the unpinned add should have forced evictions");
        await using var stream = await node.CatAsync(pinned.Cid);
        var actual = await SHA256Of(stream);
        Assert.Equal(await SHA256Of(new SeededRandomStream(10, 1_000_000)), actual);
    }

    [Fact]
    public async Task PinRecursive_MissingBlock_ThrowsAndRecordsNothing()
    {
        await using var node = await EmbeddedTransport.OpenAsync(new EmbeddedTransportOptions());
        var present = Block.Create(SeededRandomStream.Bytes(20, 100));
        var missing = Block.Create(SeededRandomStream.Bytes(21, 100));
        var root = DagPbBlock(null, present, missing);
        await node.PutBlockAsync(present);
        await node.PutBlockAsync(root);

        var ex = await Assert.ThrowsAsync<IpfsKitBlockNotFoundException>(() => node.PinAsync(root.Cid));

        Assert.Equal(missing.Cid, ex.Cid);
        Assert.Empty(await ToListAsync(node.ListPinsAsync()));
        Assert.Empty(await ToListAsync(node.ListPinsAsync(PinMode.Indirect)));
        Assert.False(node.Blocks.Memory!.IsPinned(root.Cid));
        Assert.False(node.Blocks.Memory!.IsPinned(present.Cid));
    }

    [Fact]
    public async Task Unpin_SharedBlock_StaysHeldUntilLastPinGoes()
    {
        await using var node = await EmbeddedTransport.OpenAsync(new EmbeddedTransportOptions());
        var shared = Block.Create(SeededRandomStream.Bytes(30, 100));
        var a = DagPbBlock([1], shared);
        var b = DagPbBlock([2], shared);
        foreach (var block in new[] { shared, a, b })
        {
            await node.PutBlockAsync(block);
        }

        await node.PinAsync(a.Cid);
        await node.PinAsync(b.Cid);
        Assert.Contains(new PinEntry(shared.Cid, PinMode.Indirect), await ToListAsync(node.ListPinsAsync(PinMode.Indirect)));

        await node.UnpinAsync(a.Cid);
        Assert.False(node.Blocks.Memory!.IsPinned(a.Cid));
        Assert.True(node.Blocks.Memory!.IsPinned(shared.Cid));

        await node.UnpinAsync(b.Cid);
        Assert.False(node.Blocks.Memory!.IsPinned(shared.Cid));
        Assert.Empty(await ToListAsync(node.ListPinsAsync(PinMode.Indirect)));
    }

    [Fact]
    public async Task PinRecursive_OverDirect_ReplacesIt()
    {
        await using var node = await EmbeddedTransport.OpenAsync(new EmbeddedTransportOptions());
        var added = await node.AddAsync(new SeededRandomStream(40, 600_000), new AddOptions { Pin = false });

        await node.PinAsync(added.Cid, PinMode.Direct);
        await node.PinAsync(added.Cid, PinMode.Recursive);

        Assert.Equal([new PinEntry(added.Cid, PinMode.Recursive)], await ToListAsync(node.ListPinsAsync()));
        await node.UnpinAsync(added.Cid);
        Assert.False(node.Blocks.Memory!.IsPinned(added.Cid));
    }

    [Fact]
    public async Task Unpin_NotPinned_ThrowsNotPinnedWithCid()
    {
        await using var node = await EmbeddedTransport.OpenAsync(new EmbeddedTransportOptions());
        var block = Block.Create(SeededRandomStream.Bytes(50, 10));

        var ex = await Assert.ThrowsAsync<IpfsKitNotPinnedException>(() => node.UnpinAsync(block.Cid));

        Assert.Equal(block.Cid, ex.Cid);
        Assert.Contains("not pinned", ex.Message, StringComparison.Ordinal);
    }

    private async Task<EmbeddedTransport> OpenDiskAsync(ByteSize? maxStorage = null, ByteSize? maxMemory = null) =>
        await EmbeddedTransport.OpenAsync(new EmbeddedTransportOptions
        {
            Storage = new StorageOptions
            {
                Path = _folder.Path,
                MaxStorage = maxStorage ?? StorageOptions.DefaultMaxStorage,
                MaxMemory = maxMemory ?? ByteSize.FromMebibytes(16),
                Fsync = false,
            },
        });

    private static Block DagPbBlock(byte[]? data, params Block[] children)
    {
        var links = children.Select((c, i) => new DagPbLink(c.Cid, "c" + i, (ulong)c.Size)).ToList();
        return Block.Create(DagPbCodec.Encode(new DagPbNode(links, data)), Multicodec.DagPb, version: 0);
    }

    private static async Task<byte[]> SHA256Of(Stream stream)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var buffer = new byte[81_920];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        return hash.GetHashAndReset();
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
