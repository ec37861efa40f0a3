using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.Car;

namespace IpfsKit.Tests.Content.Car;

public sealed class CarWriterTests
{
    [Fact]
    public async Task CreateAsync_SpecFixtureRoots_WritesSpecHeaderBytes()
    {
        var car = await CarTestData.WriteAsync(CarTestData.SpecRoots, []);

        // The header of carv1-basic.car: varint(99), then {"roots": [42(h'00' cid), 42(h'00' cid)], "version": 1}.
        Assert.Equal(CarTestData.SpecCarv1Basic[..CarTestData.SpecSectionOffsets[0]], car);
    }

    [Fact]
    public async Task WriteAsync_SpecFixtureBlocks_ReproducesSpecFixtureByteForByte()
    {
        var spec = await CarTestData.ReadAllAsync(CarTestData.SpecCarv1Basic);

        var car = await CarTestData.WriteAsync(spec.Roots, spec.Blocks);

        Assert.Equal(CarTestData.SpecCarv1Basic, car);
    }

    [Fact]
    public async Task WriteAsync_GoCarEofFixture_ReproducesItByteForByte()
    {
        // ipld/go-car car_test.go TestEOFHandling: "a clean single-block, single-root CAR" holding the dag-cbor {"dogy": true}.
        var expected = Convert.FromHexString(
            "3aa265726f6f747381d82a58250001711220151fe9e73c6267a7060c6f6c4cca943c236f4b196723489608edb42a8b8fa80b6776657273696f6e01"
            + "2c01711220151fe9e73c6267a7060c6f6c4cca943c236f4b196723489608edb42a8b8fa80ba165646f646779f5");
        var block = Block.Create(Convert.FromHexString("a165646f646779f5"), Multicodec.DagCbor);

        var car = await CarTestData.WriteAsync([block.Cid], [block]);

        Assert.Equal(expected, car);
    }

    [Fact]
    public async Task CreateAsync_NoRoots_WritesEmptyRootsArrayThatReadsBack()
    {
        var car = await CarTestData.WriteAsync([], []);

        Assert.Equal(CarTestData.EmptyCar, car);
        var content = await CarTestData.ReadAllAsync(car);
        Assert.Empty(content.Roots);
        Assert.Empty(content.Blocks);
    }

    [Fact]
    public async Task CreateAsync_ManyAndLongRoots_UsesMultiByteCborHeadsThatReadBack()
    {
        // 300 roots need a 2-byte array head (0x99 0x012c); a 1000-byte identity CID needs a 2-byte byte-string head.
        var roots = Enumerable.Range(0, 299).Select(i => Cid.Compute(Multicodec.Raw, BitConverter.GetBytes(i)))
            .Append(Cid.Compute(Multicodec.Raw, new byte[1000], hashFunction: Multicodec.Identity))
            .ToList();

        var car = await CarTestData.WriteAsync(roots, []);

        Assert.Equal(Convert.FromHexString("65726f6f747399012c"), car[3..12]);
        Assert.Equal(roots, (await CarTestData.ReadAllAsync(car)).Roots);
    }

    [Fact]
    public async Task CreateAsync_DefaultRoot_ThrowsArgumentException()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => CarWriter.CreateAsync(new MemoryStream(), [default]));

        Assert.Equal("roots", error.ParamName);
    }

    [Fact]
    public async Task CreateAsync_ReadOnlyDestination_ThrowsArgumentException()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => CarWriter.CreateAsync(new MemoryStream([], writable: false), []));

        Assert.Equal("destination", error.ParamName);
    }

    [Fact]
    public async Task DisposeAsync_BufferedSection_WritesItAndLeavesDestinationOpen()
    {
        var destination = new MemoryStream();
        var block = Block.Create("small"u8.ToArray());
        var writer = await CarWriter.CreateAsync(destination, [block.Cid]);
        var headerLength = destination.Length;

        await writer.WriteAsync(block);
        var beforeDispose = destination.Length;
        await writer.DisposeAsync();
        await writer.DisposeAsync();

        Assert.Equal(headerLength, beforeDispose);
        Assert.Equal(headerLength + 1 + block.Cid.ByteLength + block.Size, destination.Length);
        Assert.True(destination.CanWrite);
    }

    [Fact]
    public async Task WriteAsync_MoreThanTheBufferThreshold_ReachesDestinationBeforeDispose()
    {
        var destination = new MemoryStream();
        await using var writer = await CarWriter.CreateAsync(destination, []);

        for (var i = 0; i < 10; i++)
        {
            await writer.WriteAsync(Block.Create(new byte[10_000].Select((_, j) => (byte)(i + j)).ToArray()));
        }

        Assert.True(destination.Length > 64 * 1024, $"only {destination.Length} bytes written before dispose");
    }

    [Fact]
    public async Task FlushAsync_AfterWrite_WritesEverythingBuffered()
    {
        var destination = new MemoryStream();
        var block = Block.Create("x"u8.ToArray());
        await using var writer = await CarWriter.CreateAsync(destination, [block.Cid]);
        await writer.WriteAsync(block);

        await writer.FlushAsync();

        Assert.Equal(await CarTestData.WriteAsync([block.Cid], [block]), destination.ToArray());
    }

    [Fact]
    public async Task WriteAsync_AfterDispose_ThrowsObjectDisposed()
    {
        var writer = await CarWriter.CreateAsync(new MemoryStream(), []);
        await writer.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => writer.WriteAsync(Block.Create("x"u8.ToArray())));
    }

    [Fact]
    public async Task CreateAsync_CancelledToken_ThrowsOperationCanceled()
    {
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CarWriter.CreateAsync(new MemoryStream(), [], new CancellationToken(true)));
    }
}
