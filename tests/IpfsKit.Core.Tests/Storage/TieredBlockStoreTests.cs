using System.Diagnostics.Metrics;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Storage;

namespace IpfsKit.Tests.Storage;

[Trait("Category", "Storage")]
public sealed class TieredBlockStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ipfskit-tiered-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task PutAsync_WritesThroughToBothTiers()
    {
        using var store = await OpenAsync();
        var block = Block.Create(Bytes(1000, 1));

        await store.PutAsync(block);

        Assert.True(await store.Memory!.HasAsync(block.Cid));
        Assert.True(await store.Disk!.HasAsync(block.Cid));
        Assert.Equal(block.Data.ToArray(), (await store.GetAsync(block.Cid))!.Data.ToArray());
    }

    [Fact]
    public async Task PutLentAsync_BufferReusedAfterwards_BothTiersKeepTheBytes()
    {
        using var store = await OpenAsync();
        var buffer = Bytes(1000, 14);
        var original = buffer.ToArray();
        var block = Block.Create(buffer);

        await store.PutLentAsync(block);
        Array.Fill(buffer, (byte)0xEE);

        Assert.Equal(original, (await store.Memory!.GetAsync(block.Cid))!.Data.ToArray());
        Assert.Equal(original, (await store.Disk!.GetAsync(block.Cid))!.Data.ToArray());
    }

    [Fact]
    public async Task GetAsync_DiskHit_PromotesToMemory()
    {
        using var store = await OpenAsync();
        var block = Block.Create(Bytes(1000, 2));
        await store.PutAsync(block);
        await store.Memory!.DeleteAsync(block.Cid);

        var read = await store.GetAsync(block.Cid);

        Assert.Equal(block.Cid, read!.Cid);
        Assert.True(await store.Memory.HasAsync(block.Cid));
        var stats = store.GetStatistics();
        Assert.Equal(("memory", 1L), (stats[0].Tier, stats[0].Misses));
        Assert.Equal(("disk", 1L), (stats[1].Tier, stats[1].Hits));
    }

    [Fact]
    public async Task GetAsync_Reopened_ServesFromDisk()
    {
        var block = Block.Create(Bytes(5000, 3));
        using (var first = await OpenAsync())
        {
            await first.PutAsync(block);
        }

        using var second = await OpenAsync();

        Assert.False(await second.Memory!.HasAsync(block.Cid));
        Assert.Equal(block.Data.ToArray(), (await second.GetAsync(block.Cid))!.Data.ToArray());
        Assert.Equal([block.Cid], await second.EnumerateAsync().ToListAsync());
    }

    [Fact]
    public async Task GetAsync_FromNextSource_VerifiesAndKeepsInBothTiers()
    {
        var remote = new MemoryBlockStore();
        var block = Block.Create(Bytes(3000, 4));
        await remote.PutAsync(block);
        using var store = await OpenAsync(next: remote);

        var read = await store.GetAsync(block.Cid);

        Assert.Equal(block.Data.ToArray(), read!.Data.ToArray());
        Assert.True(await store.Memory!.HasAsync(block.Cid));
        Assert.True(await store.Disk!.HasAsync(block.Cid));
        Assert.Null(await store.GetAsync(Block.Create(Bytes(10, 5)).Cid));
    }

    [Fact]
    public async Task Local_BlockOnlyInNextSource_MissesWithoutFetchingOrPromoting()
    {
        var remote = new MemoryBlockStore();
        var remoteOnly = Block.Create(Bytes(3000, 6));
        var diskOnly = Block.Create(Bytes(2000, 7));
        await remote.PutAsync(remoteOnly);
        using var store = await OpenAsync(next: remote);
        await store.PutAsync(diskOnly);
        await store.Memory!.DeleteAsync(diskOnly.Cid);

        Assert.Null(await store.Local.GetAsync(remoteOnly.Cid));
        Assert.False(await store.Disk!.HasAsync(remoteOnly.Cid));
        Assert.Equal(diskOnly.Data.ToArray(), (await store.Local.GetAsync(diskOnly.Cid))!.Data.ToArray());
        Assert.False(await store.Memory.HasAsync(diskOnly.Cid));
    }

    [Fact]
    public async Task GetAsync_NextSourceReturnsWrongBytes_ThrowsIntegrityAndKeepsNothing()
    {
        var wanted = Block.Create(Bytes(100, 6));
        using var store = await OpenAsync(next: new LyingSource(Bytes(100, 7)));

        var ex = await Assert.ThrowsAsync<IpfsKitIntegrityException>(() => store.GetAsync(wanted.Cid).AsTask());

        Assert.Equal(wanted.Cid, ex.Cid);
        Assert.False(await store.HasAsync(wanted.Cid));
    }

    [Fact]
    public async Task PutAsync_BlockLargerThanMemory_StoredOnDiskOnly()
    {
        using var store = await OpenAsync(maxMemory: "1K");
        var block = Block.Create(Bytes(4096, 8));

        await store.PutAsync(block);

        Assert.False(await store.Memory!.HasAsync(block.Cid));
        Assert.True(await store.Disk!.HasAsync(block.Cid));
        Assert.NotNull(await store.GetAsync(block.Cid));
    }

    [Fact]
    public async Task Budgets_FromSeedStrings_BecomeTierCapacities()
    {
        using var store = await OpenAsync(maxMemory: "512M", maxStorage: "4G");

        Assert.Equal(512L << 20, store.Memory!.Capacity);
        Assert.Equal(4L << 30, store.Disk!.Capacity);
    }

    [Fact]
    public async Task OpenAsync_ZeroBudget_DisablesThatTier()
    {
        using var diskOnly = await OpenAsync(maxMemory: "0");
        using var memoryOnly = await TieredBlockStore.OpenAsync(new StorageOptions { MaxMemory = ByteSize.Parse("1M") });
        var block = Block.Create(Bytes(100, 9));

        await diskOnly.PutAsync(block);
        await memoryOnly.PutAsync(block);

        Assert.Null(diskOnly.Memory);
        Assert.Null(memoryOnly.Disk);
        Assert.NotNull(await diskOnly.GetAsync(block.Cid));
        Assert.NotNull(await memoryOnly.GetAsync(block.Cid));
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => TieredBlockStore.OpenAsync(new StorageOptions { MaxMemory = ByteSize.Zero }));
        Assert.Contains("disable both tiers", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutAsync_MemoryOnlyAndFull_ThrowsCapacity()
    {
        using var store = await TieredBlockStore.OpenAsync(new StorageOptions { MaxMemory = ByteSize.Parse("1K") });

        var ex = await Assert.ThrowsAsync<IpfsKitCapacityException>(() => store.PutAsync(Block.Create(Bytes(2048, 10))).AsTask());
        Assert.Equal(2048, ex.RequiredBytes);
    }

    [Fact]
    public async Task PinAsync_PinnedBlock_SurvivesEvictionPressureInBothTiers()
    {
        using var store = await OpenAsync(maxMemory: "8K", maxStorage: "16K");
        var pinned = Block.Create(Bytes(4000, 11));
        await store.PutAsync(pinned);
        Assert.True(await store.PinAsync(pinned.Cid));

        for (var i = 0; i < 20; i++)
        {
            await store.PutAsync(Block.Create(Bytes(3000, 100 + i)));
        }

        Assert.True(await store.Memory!.HasAsync(pinned.Cid));
        Assert.True(await store.Disk!.HasAsync(pinned.Cid));
        Assert.True(store.Disk.UsedBytes <= store.Disk.Capacity);
        Assert.True(store.GetStatistics().All(s => s.Evictions > 0));
        Assert.True(await store.UnpinAsync(pinned.Cid));
    }

    [Fact]
    public async Task Metrics_PublishedOnIpfsKitMeterWithTierTag()
    {
        var seen = new List<(string Instrument, long Value, string? Tier)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "IpfsKit")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "tier")
                {
                    lock (seen)
                    {
                        seen.Add((instrument.Name, value, tag.Value as string));
                    }
                }
            }
        });
        listener.Start();
        using var store = await OpenAsync();
        var block = Block.Create(Bytes(700, 12));

        await store.PutAsync(block);
        await store.GetAsync(block.Cid);
        await store.GetAsync(Block.Create(Bytes(1, 13)).Cid);

        lock (seen)
        {
            Assert.Contains(("ipfskit.storage.bytes", 700L, "disk"), seen);
            Assert.Contains(("ipfskit.storage.bytes", 700L, "memory"), seen);
            Assert.Contains(("ipfskit.storage.hits", 1L, "memory"), seen);
            Assert.Contains(("ipfskit.storage.misses", 1L, "disk"), seen);
        }
    }

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private Task<TieredBlockStore> OpenAsync(string maxMemory = "1M", string maxStorage = "16M", IBlockSource? next = null) =>
        TieredBlockStore.OpenAsync(
            new StorageOptions { Path = _folder, MaxMemory = ByteSize.Parse(maxMemory), MaxStorage = ByteSize.Parse(maxStorage) },
            next);

    /// <summary>A fake remote that answers every CID with the same wrong bytes: a peer or gateway serving bad data.</summary>
    private sealed class LyingSource(byte[] bytes) : IBlockSource
    {
        public ValueTask<Block?> GetAsync(Cid cid, CancellationToken cancellationToken = default) =>
            new(Block.FromTrusted(cid, bytes));
    }
}
