using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.Car;
using IpfsKit.Errors;

namespace IpfsKit.Tests.Content.Car;

public sealed partial class CarReaderTests
{
    private static readonly byte[] SpecHeader = CarTestData.SpecCarv1Basic[..CarTestData.SpecSectionOffsets[0]];

    [Fact]
    public async Task ReadBlocksAsync_SpecFixture_RootsVersionAndEightVerifiedBlocks()
    {
        var content = await CarTestData.ReadAllAsync(CarTestData.SpecCarv1Basic);

        Assert.Equal(CarTestData.SpecRoots, content.Roots);
        Assert.Equal(1, content.Version);
        Assert.Equal(CarTestData.SpecBlocks, content.Blocks.Select(b => b.Cid));
        Assert.Equal(CarTestData.SpecBlockLengths, content.Blocks.Select(b => b.Size));
        Assert.Equal("aaaa"u8.ToArray(), content.Blocks[6].Data.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100)]
    public async Task ReadBlocksAsync_SourceGivingFewBytesARead_SameBlocks(int chunk)
    {
        var content = await CarTestData.ReadAllAsync(new ChunkedReadStream(CarTestData.SpecCarv1Basic, chunk));

        Assert.Equal(CarTestData.SpecRoots, content.Roots);
        Assert.Equal(CarTestData.SpecBlocks, content.Blocks.Select(b => b.Cid));
    }

    [Fact]
    public async Task ReadBlocksAsync_SectionsAlreadyBuffered_YieldedWithoutWaitingForMoreInput()
    {
        // The source sends the whole CAR at once and then stalls without ending: every buffered block still comes out.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var reader = await CarReader.OpenAsync(new StallingReadStream(CarTestData.SpecCarv1Basic), null, timeout.Token);

        var blocks = await reader.ReadBlocksAsync(timeout.Token).Take(CarTestData.SpecBlocks.Length).ToListAsync(timeout.Token);

        Assert.Equal(CarTestData.SpecBlocks, blocks.Select(b => b.Cid));
    }

    [Fact]
    public async Task ReadBlocksAsync_TruncatedInsideSectionBody_ThrowsNamingSectionAndOffset()
    {
        var start = CarTestData.SpecSectionOffsets[3];
        var car = CarTestData.SpecCarv1Basic[..(start + 40)];

        var error = await Assert.ThrowsAsync<IpfsKitFormatException>(() => CarTestData.ReadAllAsync(car));

        Assert.Equal("CAR", error.Subject);
        Assert.Equal("the input ends inside section 3 (38 of 128 bytes)", error.Reason);
        Assert.Equal(start, error.Offset);
    }

    [Fact]
    public async Task ReadBlocksAsync_TruncatedInsideSectionLength_ThrowsNamingSectionAndOffset()
    {
        var start = CarTestData.SpecSectionOffsets[3];
        var car = CarTestData.SpecCarv1Basic[..(start + 1)];

        var error = await Assert.ThrowsAsync<IpfsKitFormatException>(() => CarTestData.ReadAllAsync(car));

        Assert.Equal("CAR", error.Subject);
        Assert.Equal("the input ends inside the length of section 3", error.Reason);
        Assert.Equal(start, error.Offset);
    }

    [Fact]
    public async Task ReadBlocksAsync_BlockBytesNotMatchingCid_ThrowsIntegrityNamingCidAfterEarlierBlocks()
    {
        var car = CarTestData.Flip(CarTestData.SpecCarv1Basic, CarTestData.SpecCarv1Basic.Length - 1);
        var read = new List<Block>();

        var error = await Assert.ThrowsAsync<IpfsKitIntegrityException>(async () =>
        {
            await using var reader = await CarReader.OpenAsync(new MemoryStream(car));
            await foreach (var block in reader.ReadBlocksAsync())
            {
                read.Add(block);
            }
        });

        Assert.Equal(CarTestData.SpecBlocks[7], error.Cid);
        Assert.Contains(CarTestData.SpecBlocks[7].ToString(), error.Message, StringComparison.Ordinal);
        Assert.Equal(CarTestData.SpecBlocks[..7], read.Select(b => b.Cid));
    }

    [Fact]
    public async Task ReadBlocksAsync_VerifyBlocksOff_ReturnsMismatchedBlockAsIs()
    {
        var car = CarTestData.Flip(CarTestData.SpecCarv1Basic, CarTestData.SpecCarv1Basic.Length - 1);

        var content = await CarTestData.ReadAllAsync(car, new CarReaderOptions { VerifyBlocks = false });

        Assert.Equal(CarTestData.SpecBlocks, content.Blocks.Select(b => b.Cid));
        Assert.False(content.Blocks[7].Cid.Hash.Matches(content.Blocks[7].Data.Span));
    }

    [Fact]
    public async Task ReadBlocksAsync_MalformedSectionCid_ThrowsNamingCidProblem()
    {
        // Section 0's CID starts at offset 101 with the version byte 0x01; 0x03 is no CID version.
        var car = (byte[])CarTestData.SpecCarv1Basic.Clone();
        car[CarTestData.SpecSectionOffsets[0] + 1] = 0x03;

        var error = await Assert.ThrowsAsync<IpfsKitFormatException>(() => CarTestData.ReadAllAsync(car));

        Assert.Equal("CAR", error.Subject);
        Assert.Equal("section 0 does not start with a valid CID: unsupported version 3", error.Reason);
        Assert.Equal(CarTestData.SpecSectionOffsets[0] + 1, error.Offset);
        Assert.IsType<IpfsKitFormatException>(error.InnerException);
    }

    [Fact]
    public async Task ReadBlocksAsync_BlockOverMaxBlockSize_ThrowsNamingLimit()
    {
        // Section 1 holds a 97-byte block; section 0's 55 bytes fit.
        var options = new CarReaderOptions { MaxBlockSize = 60 };

        var error = await Assert.ThrowsAsync<IpfsKitFormatException>(() => CarTestData.ReadAllAsync(CarTestData.SpecCarv1Basic, options));

        Assert.Equal("CAR", error.Subject);
        Assert.Contains("section 1 is 97 bytes, more than MaxBlockSize (60)", error.Reason, StringComparison.Ordinal);
        Assert.Contains(CarTestData.SpecBlocks[1].ToString(), error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadBlocksAsync_SectionLengthBeyondMaxBlockSize_ThrowsBeforeReadingTheBody()
    {
        // A 1 TiB length with no body behind it: refused from the prefix, not reported as a truncation.
        var car = CarTestData.EmptyCar.Concat(Varint(1UL << 40)).ToArray();

        var error = await Assert.ThrowsAsync<IpfsKitFormatException>(() => CarTestData.ReadAllAsync(car));

        Assert.Equal("CAR", error.Subject);
        Assert.Equal($"section 0 is {1UL << 40} bytes, more than MaxBlockSize ({4 * 1024 * 1024}) plus the longest CID", error.Reason);
        Assert.Equal(CarTestData.EmptyCar.Length, error.Offset);
    }

    [Fact]
    public async Task ReadBlocksAsync_ZeroLengthSection_Throws()
    {
        var car = CarTestData.EmptyCar.Append((byte)0).ToArray();

        var error = await Assert.ThrowsAsync<IpfsKitFormatException>(() => CarTestData.ReadAllAsync(car));

        Assert.Equal("CAR", error.Subject);
        Assert.StartsWith("section 0 has length 0", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadBlocksAsync_HashFunctionIpfsKitCannotCompute_ThrowsFormatSuggestingVerifyBlocksOff()
    {
        // A blake2b-256 multihash (code 0xb220): readable, but not verifiable here.
        var data = "blake"u8.ToArray();
        var hash = Multihash.FromBytes([0xa0, 0xe4, 0x02, 0x20, .. new byte[32]]);
        var cid = Cid.CreateV1(Multicodec.Raw, hash);
        var car = CarTestData.EmptyCar.Concat(Varint((ulong)(cid.ByteLength + data.Length))).Concat(cid.ToBytes()).Concat(data).ToArray();

        var error = await Assert.ThrowsAsync<IpfsKitFormatException>(() => CarTestData.ReadAllAsync(car));
        var unverified = await CarTestData.ReadAllAsync(car, new CarReaderOptions { VerifyBlocks = false });

        Assert.Equal("CAR", error.Subject);
        Assert.Contains("VerifyBlocks", error.Reason, StringComparison.Ordinal);
        Assert.Equal(cid, Assert.Single(unverified.Blocks).Cid);
    }

    [Fact]
    public async Task ReadBlocksAsync_SecondEnumeration_ContinuesWhereTheFirstStopped()
    {
        await using var reader = await CarReader.OpenAsync(new MemoryStream(CarTestData.SpecCarv1Basic));

        var first = await reader.ReadBlocksAsync().Take(3).ToListAsync();
        var rest = await reader.ReadBlocksAsync().ToListAsync();

        Assert.Equal(CarTestData.SpecBlocks, first.Concat(rest).Select(b => b.Cid));
    }

    [Fact]
    public async Task ReadBlocksAsync_CancelledToken_ThrowsOperationCanceled()
    {
        await using var reader = await CarReader.OpenAsync(new MemoryStream(CarTestData.SpecCarv1Basic));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in reader.ReadBlocksAsync(new CancellationToken(true)))
            {
            }
        });
    }

    [Fact]
    public async Task ReadBlocksAsync_AfterDispose_ThrowsObjectDisposed()
    {
        var reader = await CarReader.OpenAsync(new MemoryStream(CarTestData.SpecCarv1Basic));
        await reader.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await reader.ReadBlocksAsync().ToListAsync());
    }

    [Fact]
    public async Task DisposeAsync_LeavesSourceOpen()
    {
        var source = new MemoryStream(CarTestData.SpecCarv1Basic);

        await (await CarReader.OpenAsync(source)).DisposeAsync();

        Assert.True(source.CanRead);
    }

    [Theory]
    [InlineData(0, 1024)]
    [InlineData(1024, 0)]
    [InlineData(CarReaderOptions.MaxLimit + 1, 1024)]
    [InlineData(1024, -5)]
    public async Task OpenAsync_LimitOutOfRange_ThrowsArgumentOutOfRange(int maxHeaderSize, int maxBlockSize)
    {
        var options = new CarReaderOptions { MaxHeaderSize = maxHeaderSize, MaxBlockSize = maxBlockSize };

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => CarReader.OpenAsync(new MemoryStream(SpecHeader), options));
    }

    private static byte[] Varint(ulong value)
    {
        var bytes = new byte[IpfsKit.Content.Varint.MaxMultiformatLength];
        return bytes[..IpfsKit.Content.Varint.Write(bytes, value)];
    }
}
