using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Storage;
using IpfsKit.Testing.Streams;
using IpfsKit.Transports;
using IpfsKit.Transports.Embedded;

namespace IpfsKit.Tests.Transports.Embedded;

/// <summary>
/// Garbage collection (<c>repo gc</c>): every block no pin holds goes, from the disk and from the memory cache; pinned
/// blocks and blocks an add in progress holds (marked never-evict) stay, also while adds, writes and pins run beside it.
/// </summary>
public sealed partial class EmbeddedTransportBehaviourTests
{
    [Fact]
    public async Task CollectGarbage_UnpinnedAndReleasedBlocks_RemovedPinnedKept()
    {
        await using var node = await OpenDiskAsync();
        var pinned = await node.AddAsync(new SeededRandomStream(60, 700_000));
        var direct = Block.Create(SeededRandomStream.Bytes(61, 500));
        await node.PutBlockAsync(direct);
        await node.PinAsync(direct.Cid, PinMode.Direct);
        var keep = (await ToListAsync(node.Blocks.EnumerateAsync())).ToHashSet();
        var keptBytes = node.Blocks.Disk!.UsedBytes;
        var unpinned = await node.AddAsync(new SeededRandomStream(62, 600_000), new AddOptions { Pin = false });
        var released = await node.AddAsync(new SeededRandomStream(63, 500_000));
        await node.UnpinAsync(released.Cid);
        var garbage = (await ToListAsync(node.Blocks.EnumerateAsync())).Where(cid => !keep.Contains(cid)).ToHashSet();

        var removed = await ToListAsync(node.CollectGarbageAsync());

        Assert.Equal(garbage.OrderBy(c => c), removed.OrderBy(c => c));
        Assert.Contains(unpinned.Cid, removed);
        Assert.Contains(released.Cid, removed);
        Assert.Equal(keptBytes, node.Blocks.Disk.UsedBytes);
        Assert.Equal(keptBytes, (await node.RepoStatAsync()).RepoSize);
        foreach (var cid in removed)
        {
            Assert.False(await node.Blocks.Memory!.HasAsync(cid), $"{cid} still cached");
        }

        await using var stream = await node.CatAsync(pinned.Cid);
        Assert.Equal(await SHA256Of(new SeededRandomStream(60, 700_000)), await SHA256Of(stream));
        Assert.Empty(await ToListAsync(node.CollectGarbageAsync()));
    }

    [Fact]
    public async Task CollectGarbage_MemoryOnlyNode_RemovesUnpinnedKeepsPinned()
    {
        await using var node = await EmbeddedTransport.OpenAsync(new EmbeddedTransportOptions());
        var pinned = await node.AddAsync(new SeededRandomStream(64, 400_000));
        var kept = node.Blocks.Memory!.UsedBytes;
        var unpinned = await node.AddAsync(new SeededRandomStream(65, 400_000), new AddOptions { Pin = false });

        var removed = await ToListAsync(node.CollectGarbageAsync());

        Assert.Contains(unpinned.Cid, removed);
        Assert.Equal(kept, node.Blocks.Memory.UsedBytes);
        Assert.True(await node.Blocks.HasAsync(pinned.Cid));
    }

    [Fact]
    public async Task CollectGarbage_BlockHeldByAnAddInProgress_Kept()
    {
        await using var node = await OpenDiskAsync();
        var held = Block.Create(SeededRandomStream.Bytes(66, 800));
        await node.Blocks.Disk!.PinAsync(held.Cid); // what an add's hold does before it writes
        await node.PutBlockAsync(held);

        Assert.Empty(await ToListAsync(node.CollectGarbageAsync()));
        Assert.True(await node.Blocks.HasAsync(held.Cid));

        await node.Blocks.Disk.UnpinAsync(held.Cid); // the add failed and let go of it
        Assert.Equal([held.Cid], await ToListAsync(node.CollectGarbageAsync()));
    }

    [Fact]
    public async Task CollectGarbage_WhileHeldWritesAndPinsRun_LosesNothing()
    {
        await using var node = await OpenDiskAsync(maxMemory: ByteSize.FromMebibytes(1));
        var files = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => ImportElsewhereAsync(70 + (ulong)i, 300_000 + (i * 50_000))));
        using var writing = new CancellationTokenSource();
        var collections = 0;
        var removed = 0;
        var collector = Task.Run(async () =>
        {
            while (!writing.IsCancellationRequested)
            {
                Interlocked.Add(ref removed, (await ToListAsync(node.CollectGarbageAsync())).Count);
                Interlocked.Increment(ref collections);
            }
        });

        // Each writer follows an add's protocol: hold (mark) each block, write it, pin the root; the holds are then
        // covered by the pin. Unpinned junk is written beside them so that collections have work to do, and each
        // writer waits for two whole collections to pass over its held, not yet pinned blocks before it pins.
        await Task.WhenAll(files.Select(async file =>
        {
            foreach (var block in file.Blocks)
            {
                await node.Blocks.Disk!.PinAsync(block.Cid);
                await node.PutBlockAsync(block);
                await node.PutBlockAsync(Block.Create(SeededRandomStream.Bytes((ulong)block.Size, 300)));
            }

            var seen = Volatile.Read(ref collections);
            while (Volatile.Read(ref collections) < seen + 2)
            {
                await Task.Yield();
            }

            await node.PinAsync(file.Root);
        }));
        await writing.CancelAsync();
        await collector;
        await ToListAsync(node.CollectGarbageAsync());

        Assert.True(removed > 0, "the collections removed nothing: the junk was not collected");
        foreach (var (root, seed, length, _) in files)
        {
            await using var stream = await node.CatAsync(root);
            Assert.Equal(await SHA256Of(new SeededRandomStream(seed, length)), await SHA256Of(stream));
        }

        var stored = (await ToListAsync(node.Blocks.EnumerateAsync())).ToHashSet();
        Assert.Equal(files.SelectMany(f => f.Blocks.Select(b => b.Cid)).ToHashSet(), stored);
    }

    [Fact]
    public async Task CollectGarbage_WhileRealAddsRun_LosesNothing()
    {
        await using var node = await OpenDiskAsync(maxMemory: ByteSize.FromMebibytes(1));
        using var adding = new CancellationTokenSource();
        var collections = 0;
        var collector = Task.Run(async () =>
        {
            while (!adding.IsCancellationRequested)
            {
                await ToListAsync(node.CollectGarbageAsync());
                Interlocked.Increment(ref collections);
            }
        });
        // Adds hold their blocks (marked never-evict) until they pin, so no collection can take them.
        var roots = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
            (await node.AddAsync(new SeededRandomStream(90 + (ulong)i, 900_000))).Cid));
        await adding.CancelAsync();
        await collector;
        await ToListAsync(node.CollectGarbageAsync());
        for (var i = 0; i < roots.Length; i++)
        {
            await using var stream = await node.CatAsync(roots[i]);
            Assert.Equal(await SHA256Of(new SeededRandomStream(90 + (ulong)i, 900_000)), await SHA256Of(stream));
        }
    }

    private static async Task<(Cid Root, ulong Seed, int Length, List<Block> Blocks)> ImportElsewhereAsync(ulong seed, int length)
    {
        await using var scratch = await EmbeddedTransport.OpenAsync(new EmbeddedTransportOptions());
        var root = (await scratch.AddAsync(new SeededRandomStream(seed, length), new AddOptions { Pin = false })).Cid;
        var blocks = new List<Block>();
        await foreach (var cid in scratch.Blocks.EnumerateAsync())
        {
            blocks.Add((await scratch.Blocks.GetAsync(cid))!);
        }

        return (root, seed, length, blocks);
    }
}
