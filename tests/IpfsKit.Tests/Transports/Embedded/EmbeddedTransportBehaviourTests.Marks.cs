using IpfsKit.Content;
using IpfsKit.Storage;
using IpfsKit.Transports;
using IpfsKit.Testing.Streams;

namespace IpfsKit.Tests.Transports.Embedded;

/// <summary>
/// The pinset (<c>refs</c>) is the one truth; the disk tier's <c>.pin</c> markers are reconciled with it at open, whatever
/// a crash left between a mark and its transaction (a pin's rollback, or an unpin's commit before its unmark).
/// </summary>
public sealed partial class EmbeddedTransportBehaviourTests
{
    [Fact]
    public async Task Open_MarkersNoPinHolds_RemovedAndTheStoreEvictsToItsBudget()
    {
        Cid pinned, released;
        List<Cid> stale;
        await using (var node = await OpenDiskAsync(maxStorage: ByteSize.FromMebibytes(4), maxMemory: ByteSize.Zero))
        {
            pinned = (await node.AddAsync(new SeededRandomStream(40, 1_000_000))).Cid;
            released = (await node.AddAsync(new SeededRandomStream(41, 1_000_000))).Cid;
            var orphan = (await node.AddAsync(new SeededRandomStream(42, 1_000_000), new AddOptions { Pin = false })).Cid;
            await node.UnpinAsync(released);

            // What a kill leaves: marks of a pin whose transaction rolled back (orphan), and of an unpin that committed
            // before it unmarked (released).
            stale = await ToListAsync(node.Blocks.EnumerateAsync());
            stale.RemoveAll(node.Blocks.Disk!.IsPinned);
            foreach (var cid in stale)
            {
                await node.Blocks.Disk!.PinAsync(cid);
            }

            Assert.Contains(orphan, stale);
            Assert.Contains(released, stale);
        }

        var markersOf = () => Directory.EnumerateFiles(Path.Combine(_folder.Path, "blocks"), "*.pin", SearchOption.AllDirectories).Count();
        await using var reopened = await OpenDiskAsync(maxStorage: ByteSize.FromMebibytes(2), maxMemory: ByteSize.Zero);
        var disk = reopened.Blocks.Disk!;

        Assert.All(stale, cid => Assert.False(disk.IsPinned(cid)));
        var held = (await ToListAsync(disk.EnumeratePinsAsync())).ToHashSet();
        Assert.Equal(held.Count, markersOf());
        Assert.Contains(pinned, held);
        Assert.True(disk.UsedBytes <= disk.Capacity, $"{disk.UsedBytes} bytes held, budget {disk.Capacity}");
        await using var stream = await reopened.CatAsync(pinned);
        Assert.Equal(await SHA256Of(new SeededRandomStream(40, 1_000_000)), await SHA256Of(stream));
    }

    [Fact]
    public async Task Open_PinnedBlockLostItsMarker_MarkedAgain()
    {
        Cid file;
        await using (var node = await OpenDiskAsync())
        {
            file = (await node.AddAsync(new SeededRandomStream(43, 300_000))).Cid;
        }

        var marker = Directory.EnumerateFiles(Path.Combine(_folder.Path, "blocks"), "*.pin", SearchOption.AllDirectories).First();
        File.Delete(marker);

        await using var reopened = await OpenDiskAsync();

        Assert.True(File.Exists(marker));
        Assert.True(reopened.Blocks.Disk!.IsPinned(file));
    }
}
