using System.Text;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.DagPb;
using IpfsKit.Content.UnixFs;
using IpfsKit.Content.UnixFs.Importing;

namespace IpfsKit.Tests.Content.UnixFs.Importing;

public sealed class UnixFsImporterTests
{
    private static readonly byte[] HelloWorld = Encoding.ASCII.GetBytes("hello world\n");

    [Theory]
    [InlineData(0, "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o")]
    [InlineData(1, "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4")]
    public async Task AddFile_HelloWorld_KnownCid(int cidVersion, string expected)
    {
        var result = await new UnixFsImporter(null, ImportOptions.UnixFsV0Of2015 with { CidVersion = cidVersion })
            .AddFileAsync(new MemoryStream(HelloWorld));

        Assert.Equal(expected, result.Cid.ToString());
        Assert.Equal(12UL, result.ContentSize);
    }

    [Theory]
    [InlineData(0, "QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH")]
    [InlineData(1, "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku")]
    public async Task AddFile_Empty_KnownCid(int cidVersion, string expected)
    {
        var result = await new UnixFsImporter(null, ImportOptions.UnixFsV0Of2015 with { CidVersion = cidVersion })
            .AddFileAsync(new MemoryStream());

        Assert.Equal(expected, result.Cid.ToString());
    }

    [Fact]
    public async Task AddAsync_EmptyDirectory_KnownCid()
    {
        var result = await new UnixFsImporter(null).AddAsync([ImportEntry.Directory("empty")]);

        Assert.Equal("QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn", result.Cid.ToString());
    }

    [Fact]
    public async Task AddFile_WithStore_StoresEveryBlockAndOnlyHashGivesSameCid()
    {
        var data = new byte[(3 * 262_144) + 5];
        new Random(1).NextBytes(data);
        var store = new MemoryBlockStore();

        var stored = await new UnixFsImporter(store).AddFileAsync(new MemoryStream(data));
        var hashed = await new UnixFsImporter(null).AddFileAsync(new MemoryStream(data));

        Assert.Equal(hashed.Cid, stored.Cid);
        Assert.Equal(5, store.Count); // 4 leaves and the root
        var root = DagPbCodec.Decode((await store.GetRequiredAsync(stored.Cid)).Data);
        var unixFs = UnixFsCodec.Decode(root.Data!.Value);
        Assert.Equal((ulong)data.Length, unixFs.FileSize);
        Assert.Equal([262_144UL, 262_144UL, 262_144UL, 5UL], unixFs.BlockSizes);
        Assert.All(root.Links, link => Assert.Equal(string.Empty, link.Name));
        Assert.Equal((ulong)store.TotalBytes, stored.DagSize);
    }

    [Fact]
    public async Task AddFile_OnlyHashOption_StoresNothing()
    {
        var store = new MemoryBlockStore();

        await new UnixFsImporter(store, ImportOptions.UnixFsV0Of2015 with { OnlyHash = true }).AddFileAsync(new MemoryStream(HelloWorld));

        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task AddFile_ParallelAndSequentialHashing_SameCid()
    {
        var data = new byte[(20 * 65_536) + 3];
        new Random(2).NextBytes(data);
        var options = ImportOptions.UnixFsV0Of2015 with { ChunkSize = 65_536, MaxLinks = 4 };

        var sequential = await new UnixFsImporter(null, options with { MaxDegreeOfParallelism = 1 }).AddFileAsync(new MemoryStream(data));
        var parallel = await new UnixFsImporter(null, options with { MaxDegreeOfParallelism = 4 }).AddFileAsync(new MemoryStream(data));

        Assert.Equal(sequential.Cid, parallel.Cid);
    }

    [Fact]
    public async Task AddFile_Progress_ReportsEveryChunkUpToTheTotal()
    {
        var data = new byte[(2 * 1024) + 1];
        var reports = new List<ImportProgress>();
        var progress = new SynchronousProgress<ImportProgress>(reports.Add);

        await new UnixFsImporter(null, ImportOptions.UnixFsV0Of2015 with { ChunkSize = 1024 })
            .AddFileAsync(new MemoryStream(data), "f", progress);

        Assert.Equal([1024L, 2048L, 2049L], reports.Select(r => r.FileBytes));
        Assert.All(reports, r => Assert.Equal("f", r.Path));
    }

    [Fact]
    public async Task AddFile_Cancelled_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new UnixFsImporter(null).AddFileAsync(new MemoryStream(new byte[300_000]), cancellationToken: cts.Token));
    }

    [Fact]
    public async Task AddAsync_DirectoryLinks_SortedByUtf8BytesWithCumulativeSizes()
    {
        var store = new MemoryBlockStore();
        // U+FF21 (fullwidth A) sorts after U+1F600 in UTF-16 ordinal order but before it in UTF-8 byte order.
        var entries = new[] { "\U0001F600.txt", "\uFF21.txt", "b.txt", "a.txt" }
            .Select(n => ImportEntry.File("dir/" + n, Encoding.UTF8.GetBytes(n)));

        var result = await new UnixFsImporter(store).AddAsync(entries);

        var dir = DagPbCodec.Decode((await store.GetRequiredAsync(result.Cid)).Data);
        Assert.Equal(["a.txt", "b.txt", "\uFF21.txt", "\U0001F600.txt"], dir.Links.Select(l => l.Name));
        Assert.Equal(UnixFsType.Directory, UnixFsCodec.Decode(dir.Data!.Value).Type);
        Assert.Equal((ulong)store.TotalBytes, result.DagSize);
    }

    [Fact]
    public async Task AddAsync_OverShardingThreshold_WritesHamtShard()
    {
        var store = new MemoryBlockStore();
        var entries = Enumerable.Range(0, 300).Select(i => ImportEntry.File($"big/entry-{i:D4}", Encoding.UTF8.GetBytes(i.ToString())));
        var options = ImportOptions.UnixFsV0Of2015 with { HamtShardingThreshold = 1000 };

        var result = await new UnixFsImporter(store, options).AddAsync(entries);

        var root = DagPbCodec.Decode((await store.GetRequiredAsync(result.Cid)).Data);
        var data = UnixFsCodec.Decode(root.Data!.Value);
        Assert.Equal(UnixFsType.HamtShard, data.Type);
        Assert.Equal(256UL, data.Fanout);
        Assert.Equal(0x22UL, data.HashType);
        Assert.All(root.Links, l => Assert.Matches("^[0-9A-F]{2}", l.Name!));
        Assert.Equal((ulong)store.TotalBytes, result.DagSize);
    }

    [Fact]
    public async Task AddAsync_UnderShardingThreshold_WritesPlainDirectory()
    {
        var store = new MemoryBlockStore();
        var entries = Enumerable.Range(0, 10).Select(i => ImportEntry.File($"small/e{i}", new byte[] { (byte)i }));

        var result = await new UnixFsImporter(store).AddAsync(entries);

        var root = DagPbCodec.Decode((await store.GetRequiredAsync(result.Cid)).Data);
        Assert.Equal(UnixFsType.Directory, UnixFsCodec.Decode(root.Data!.Value).Type);
    }

    [Fact]
    public async Task AddAsync_SamePathTwice_ThrowsArgumentException()
    {
        var entries = new[] { ImportEntry.File("d/a", new byte[] { 1 }), ImportEntry.File("d/a", new byte[] { 2 }) };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => new UnixFsImporter(null).AddAsync(entries));
        Assert.Contains("d/a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAsync_SeveralTopLevelEntriesWithoutWrapping_ThrowsArgumentException()
    {
        var entries = new[] { ImportEntry.File("a", new byte[] { 1 }), ImportEntry.File("b", new byte[] { 2 }) };

        await Assert.ThrowsAsync<ArgumentException>(() => new UnixFsImporter(null).AddAsync(entries));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a//b")]
    [InlineData("a/../b")]
    [InlineData("./a")]
    public void ImportEntry_BadPath_ThrowsArgumentException(string path) =>
        Assert.Throws<ArgumentException>(() => ImportEntry.Directory(path));

    [Fact]
    public void Options_Invalid_ThrowsNamingTheOption()
    {
        var error = Assert.Throws<ArgumentException>(() => new UnixFsImporter(null, ImportOptions.UnixFsV0Of2015 with { ChunkSize = 2 * 1024 * 1024 }));
        Assert.Contains("ChunkSize", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new UnixFsImporter(null, ImportOptions.UnixFsV0Of2015 with { HamtFanout = 100 }));
        Assert.Throws<ArgumentException>(() => ImportOptions.FromProfile("unixfs-v9"));
    }

    [Fact]
    public void FromProfile_KnownNames_ReturnProfiles()
    {
        Assert.Same(ImportOptions.UnixFsV0Of2015, ImportOptions.FromProfile("unixfs-v0-2015"));
        var v1 = ImportOptions.FromProfile("unixfs-v1-2025");
        Assert.Equal((1, true, 1_048_576, 1024), (v1.CidVersion, v1.UsesRawLeaves, v1.ChunkSize, v1.MaxLinks));
    }

    [Fact]
    public async Task AddPath_DirectoryOnDisk_SkipsHiddenAndKeepsSymlinks()
    {
        var root = Directory.CreateTempSubdirectory("ipfskit-import-");
        try
        {
            var dir = root.CreateSubdirectory("tree");
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "a.txt"), "a");
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, ".hidden"), "h");
            File.CreateSymbolicLink(Path.Combine(dir.FullName, "link"), "a.txt");
            var store = new MemoryBlockStore();

            var result = await new UnixFsImporter(store).AddPathAsync(dir.FullName);

            var node = DagPbCodec.Decode((await store.GetRequiredAsync(result.Cid)).Data);
            Assert.Equal(["a.txt", "link"], node.Links.Select(l => l.Name));
            var link = DagPbCodec.Decode((await store.GetRequiredAsync(node.Links[1].Hash)).Data);
            var symlink = UnixFsCodec.Decode(link.Data!.Value);
            Assert.Equal(UnixFsType.Symlink, symlink.Type);
            Assert.Equal("a.txt", Encoding.UTF8.GetString(symlink.Data!.Value.Span));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
