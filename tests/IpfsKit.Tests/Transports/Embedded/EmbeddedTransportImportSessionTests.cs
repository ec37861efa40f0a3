using IpfsKit.Blocks;
using IpfsKit.Content.UnixFs.Importing;
using IpfsKit.Errors;
using IpfsKit.Storage;
using IpfsKit.Transports;
using IpfsKit.Transports.Embedded;

namespace IpfsKit.Tests.Transports.Embedded;

/// <summary>Adds hold their blocks until they end, fail up front or with a capacity error when they cannot fit, and leave nothing behind when they fail.</summary>
[Trait("Category", "Transport")]
public sealed class EmbeddedTransportImportSessionTests : IAsyncLifetime
{
    private const int Budget = 64 * 1024;
    private static readonly AddOptions SmallChunks = new() { Import = new ImportOptions { ChunkSize = 1024, CidVersion = 1 } };
    private readonly TempFolder _folder = new();
    private EmbeddedTransport _node = null!;

    private IBlockStoreTier Disk => _node.Blocks.Disk!;

    public async Task InitializeAsync() =>
        _node = await EmbeddedTransport.OpenAsync(new EmbeddedTransportOptions
        {
            Storage = new StorageOptions { Path = _folder.Path, MaxMemory = new ByteSize(16 * 1024), MaxStorage = new ByteSize(Budget), Fsync = false },
        });

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task AddAsync_StreamLargerThanBudget_ThrowsCapacityAndLeavesNothing()
    {
        await _node.AddAsync(new MemoryStream(Random(10_000, 1)), SmallChunks);
        var used = Disk.UsedBytes;

        var error = await Assert.ThrowsAsync<IpfsKitCapacityException>(() => _node.AddAsync(new OneWayStream(Random(Budget + 8_000, 2)), SmallChunks));

        Assert.True(error.AvailableBytes < Budget);
        Assert.Equal(used, Disk.UsedBytes);
        Assert.Single(await _node.ListPinsAsync(PinMode.Recursive).ToListAsync());
        await _node.AddAsync(new OneWayStream(Random(20_000, 3)), SmallChunks);
        Assert.Equal(2, (await _node.ListPinsAsync(PinMode.Recursive).ToListAsync()).Count);
    }

    [Fact]
    public async Task AddAsync_SeekableStreamLargerThanFreeRoom_ThrowsCapacityUpFront()
    {
        await _node.AddAsync(new MemoryStream(Random(40_000, 1)), SmallChunks);
        var used = Disk.UsedBytes;

        await Assert.ThrowsAsync<IpfsKitCapacityException>(() => _node.AddAsync(new CountingStream(Random(30_000, 2)), SmallChunks));

        Assert.Equal(used, Disk.UsedBytes);
    }

    [Fact]
    public async Task AddAsync_FitsOnlyIfOwnBlocksStay_EvictsOtherBlocksAndPins()
    {
        for (var i = 0; i < 40; i++)
        {
            await _node.PutBlockAsync(Block.Create(Random(1024, 100 + i)));
        }

        var result = await _node.AddAsync(new OneWayStream(Random(Budget - 6_000, 5)), SmallChunks);

        Assert.Contains(await _node.ListPinsAsync(PinMode.Recursive).ToListAsync(), p => p.Cid == result.Cid);
        Assert.True(Disk.PinnedBytes > Budget - 6_000);
        Assert.True(Disk.GetStatistics().Evictions > 0, "the other blocks made room");
    }

    [Fact]
    public async Task AddAsync_ContentFailsMidway_DeletesOnlyItsNewBlocks()
    {
        var shared = Random(1024, 7);
        var kept = await _node.AddAsync(new MemoryStream(shared), SmallChunks with { Pin = false });
        var used = Disk.UsedBytes;

        await Assert.ThrowsAsync<IOException>(() => _node.AddAsync(new OneWayStream([.. shared, .. Random(20_000, 8)], failAfter: 12_000), SmallChunks));

        Assert.Equal(used, Disk.UsedBytes);
        Assert.True(await Disk.HasAsync(kept.Cid));
        Assert.False(Disk.IsPinned(kept.Cid));
        Assert.Empty(await _node.ListPinsAsync().ToListAsync());
    }

    [Fact]
    public async Task Session_HeldBlockUnpinnedMeanwhile_StaysMarkedUntilSessionEnds()
    {
        var block = Block.Create(Random(500, 9));
        var session = _node.BeginImport();
        await session.PutAsync(block);
        await _node.PinAsync(block.Cid, PinMode.Direct);
        await _node.UnpinAsync(block.Cid, PinMode.Direct);

        Assert.True(Disk.IsPinned(block.Cid));
        session.Complete();
        await session.DisposeAsync();
        Assert.False(Disk.IsPinned(block.Cid));
        Assert.True(await Disk.HasAsync(block.Cid));
    }

    [Fact]
    public async Task Session_FailsWhileAnotherHoldsSameBlock_KeepsItForTheOther()
    {
        var block = Block.Create(Random(500, 10));
        var failing = _node.BeginImport();
        var succeeding = _node.BeginImport();
        await failing.PutAsync(block);
        await succeeding.PutAsync(block);

        await failing.DisposeAsync();
        Assert.True(await Disk.HasAsync(block.Cid));
        Assert.True(Disk.IsPinned(block.Cid));

        await _node.PinAsync(block.Cid, PinMode.Direct);
        succeeding.Complete();
        await succeeding.DisposeAsync();
        Assert.True(Disk.IsPinned(block.Cid));
    }

    [Fact]
    public async Task Session_Fails_DeletesNewBlockButKeepsPinnedOne()
    {
        var pinned = Block.Create(Random(500, 11));
        await _node.PutBlockAsync(pinned);
        await _node.PinAsync(pinned.Cid, PinMode.Direct);
        var fresh = Block.Create(Random(500, 12));
        var session = _node.BeginImport();
        await session.PutAsync(pinned);
        await session.PutAsync(fresh);

        await session.DisposeAsync();

        Assert.False(await _node.Blocks.HasAsync(fresh.Cid));
        Assert.True(await Disk.HasAsync(pinned.Cid));
        Assert.True(Disk.IsPinned(pinned.Cid));
    }

    private static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>A stream that cannot seek (its length is unknown up front), and optionally fails after some bytes.</summary>
    private sealed class OneWayStream(byte[] bytes, int failAfter = int.MaxValue) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) =>
            Position >= failAfter ? throw new IOException("the client went away") : base.Read(buffer, offset, Math.Min(count, 4096));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position >= failAfter ? throw new IOException("the client went away") : base.ReadAsync(buffer[..Math.Min(buffer.Length, 4096)], cancellationToken);
    }

    /// <summary>A seekable stream that records whether anything was read.</summary>
    private sealed class CountingStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("the add should have failed before reading");

        public override int Read(byte[] buffer, int offset, int count) =>
            throw new InvalidOperationException("the add should have failed before reading");
    }
}
