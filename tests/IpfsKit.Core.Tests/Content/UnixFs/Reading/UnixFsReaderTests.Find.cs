using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.UnixFs.Importing;
using IpfsKit.Content.UnixFs.Reading;
using IpfsKit.Errors;

namespace IpfsKit.Tests.Content.UnixFs.Reading;

/// <summary>Finding one entry by name: a plain directory's links, a HAMT by the name's hash path.</summary>
public sealed partial class UnixFsReaderTests
{
    [Fact]
    public async Task FindAsync_ImportedHamtWithSubShards_FindsEveryNameFetchingOnlyItsHashPath()
    {
        var store = new MemoryBlockStore();
        var names = Enumerable.Range(0, 3000).Select(i => $"entry-{i:D4}.txt").ToList();
        var imported = await new UnixFsImporter(store, new ImportOptions { WrapWithDirectory = true, HamtShardingThreshold = 1024 })
            .AddAsync(names.Select(n => ImportEntry.File("dir/" + n, System.Text.Encoding.UTF8.GetBytes(n))));
        var directory = (await new UnixFsReader(store).ListAsync(imported.Cid).ToListAsync()).Single().Cid;
        var listed = await new UnixFsReader(store).ListAsync(directory).ToDictionaryAsync(e => e.Name, e => e.Cid);
        Assert.Equal(names.Count, listed.Count);
        var counting = new CountingSource(store);
        var reader = new UnixFsReader(counting);
        var deepest = 0;

        foreach (var name in names.Where((_, i) => i % 97 == 0))
        {
            counting.Clear();
            var visited = new List<Cid>();
            var found = await reader.FindAsync(directory, name, visited);
            Assert.Equal(listed[name], found?.Cid);
            Assert.Equal(directory, visited[0]);
            Assert.Equal(visited, counting.Fetched); // the shards on the hash path, nothing else
            deepest = Math.Max(deepest, visited.Count);
        }

        Assert.True(deepest >= 2, $"3,000 names in 256 buckets put some in sub-shards: deepest path {deepest}");
        Assert.Null(await reader.FindAsync(directory, "absent.txt"));
    }

    [Fact]
    public async Task FindAsync_PlainDirectoryOrFile_EntryNullOrThrows()
    {
        var dag = new TestDag();
        var a = dag.RawLeaf("a"u8);
        var dir = dag.Directory(("a.txt", a));
        var reader = new UnixFsReader(dag.Store);

        Assert.Equal(new UnixFsDirectoryEntry("a.txt", a, 100), await reader.FindAsync(dir, "a.txt"));
        Assert.Null(await reader.FindAsync(dir, "A.TXT"));
        await Assert.ThrowsAsync<IpfsKitFormatException>(() => reader.FindAsync(a, "x"));
    }
}
