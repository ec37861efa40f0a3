using IpfsKit.Transports;
using IpfsKit.Testing.Streams;

namespace IpfsKit.Tests.Transports;

/// <content>Add, cat, ranges and ls.</content>
public abstract partial class TransportContractTests
{
    public static TheoryData<long, string> RoundTripCases()
    {
        var data = new TheoryData<long, string>();
        foreach (var settings in new[] { "default", "v1-raw" })
        {
            foreach (var size in new long[] { 0, 1, 262_143, 262_144, 262_145, (3 * 1024 * 1024) + 7 })
            {
                data.Add(size, settings);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RoundTripCases))]
    public Task AddCat_RoundTrip_MatchesReferenceCidAndBytes(long size, string settings) =>
        AssertRoundTripAsync((ulong)size + 17, size, settings);

    [Theory]
    [InlineData("default")]
    [InlineData("v1-raw")]
    public Task AddCat_LargeFile_MatchesReferenceCidAndBytes(string settings) =>
        AssertRoundTripAsync(100, Contract.LargeFileSize, settings);

    [Theory]
    [InlineData(0L, null)]
    [InlineData(0L, 0L)]
    [InlineData(100L, 1000L)]
    [InlineData(262_140L, 10L)]
    [InlineData(262_144L, 262_144L)]
    [InlineData(500_000L, null)]
    [InlineData(1_048_570L, 100L)]
    [InlineData(1_048_589L, null)]
    [InlineData(1_048_589L, 5L)]
    [InlineData(700_000L, 0L)]
    public async Task Cat_Range_EqualsSlice(long offset, long? length)
    {
        const int Size = 1_048_589; // four full chunks and 13 bytes
        var content = SeededRandomStream.Bytes(7, Size);
        if (!await SupportsAsync(TransportCapabilities.Add, () => Transport.AddAsync(new MemoryStream(content))))
        {
            return;
        }

        var added = await Transport.AddAsync(new MemoryStream(content));
        await using var stream = await Transport.CatAsync(added.Cid, new ByteRange(offset, length));
        var actual = await ReadAllAsync(stream);

        var start = (int)Math.Min(offset, Size);
        var end = length is { } l ? (int)Math.Min(Size, start + l) : Size;
        Assert.Equal(content[start..end], actual);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("v1-raw")]
    public async Task List_ChunkedFile_ListsOneUnnamedLinkPerChunk(string settings)
    {
        const long Size = (3 * 1024 * 1024) + 7;
        if (!await SupportsAsync(TransportCapabilities.Add, () => Transport.AddAsync(Content(3, Size))))
        {
            return;
        }

        var added = await Transport.AddAsync(Content(3, Size), new AddOptions { Import = Settings(settings) });
        var entries = await ToListAsync(Transport.ListAsync(added.Cid));

        Assert.Equal(13, entries.Count);
        Assert.All(entries, e => Assert.Equal(string.Empty, e.Name));
        Assert.All(entries, e => Assert.True(e.Size is null or > 0, e.ToString()));
        Assert.All(entries, e => Assert.True(e.Kind is LinkKind.File or LinkKind.Unknown, e.ToString()));
    }

    [Fact]
    public async Task List_WrappedFile_ListsItByName()
    {
        if (!await SupportsAsync(TransportCapabilities.Add, () => Transport.AddAsync(Content(4, 1000))))
        {
            return;
        }

        var options = new AddOptions { Import = Settings("default") with { WrapWithDirectory = true }, FileName = "hello.bin" };
        var added = await Transport.AddAsync(Content(4, 300_000), options);
        var entries = await ToListAsync(Transport.ListAsync(added.Cid));

        var entry = Assert.Single(entries);
        Assert.Equal("hello.bin", entry.Name);
        Assert.True(entry.Kind is LinkKind.File or LinkKind.Unknown, entry.ToString());
        await using var stream = await Transport.CatAsync(entry.Cid);
        Assert.Equal(300_000, (await HashAsync(stream)).Length);
    }

    [Fact]
    public async Task Add_OnlyHash_ReturnsReferenceCid()
    {
        if (!await SupportsAsync(TransportCapabilities.Add, () => Transport.AddAsync(Content(5, 10))))
        {
            return;
        }

        var import = Settings("default") with { OnlyHash = true };
        var added = await Transport.AddAsync(Content(5, 500_000), new AddOptions { Import = import });

        Assert.Equal(await ReferenceCidAsync(5, 500_000, import), added.Cid);
    }

    private async Task AssertRoundTripAsync(ulong seed, long size, string settings)
    {
        var import = Settings(settings);
        if (!await SupportsAsync(TransportCapabilities.Add, () => Transport.AddAsync(Content(seed, size))))
        {
            return;
        }

        var added = await Transport.AddAsync(Content(seed, size), new AddOptions { Import = import });

        Assert.Equal(await ReferenceCidAsync(seed, size, import), added.Cid);
        Assert.True(added.DagSize >= (ulong)size, added.ToString());
        await using var stream = await Transport.CatAsync(added.Cid);
        var actual = await HashAsync(stream);
        var expected = await HashAsync(Content(seed, size));
        Assert.Equal(expected.Length, actual.Length);
        Assert.Equal(expected.Sha256, actual.Sha256);
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
