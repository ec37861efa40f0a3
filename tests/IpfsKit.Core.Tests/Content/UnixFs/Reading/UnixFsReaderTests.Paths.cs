using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.UnixFs.Importing;
using IpfsKit.Content.UnixFs.Reading;
using IpfsKit.Errors;

namespace IpfsKit.Tests.Content.UnixFs.Reading;

/// <summary>Resolving <c>/ipfs/&lt;cid&gt;/a/b</c>: plain directories, a HAMT by the name's hash path, typed errors naming the segment.</summary>
public sealed partial class UnixFsReaderTests
{
    [Fact]
    public async Task ResolveAsync_ThroughPlainDirectoryAndHamt_EndsAtTheFile()
    {
        var store = new MemoryBlockStore();
        var names = Enumerable.Range(0, 1500).Select(i => $"f-{i:D4}").ToList();
        var entries = names.Select(n => ImportEntry.File("root/big/" + n, System.Text.Encoding.UTF8.GetBytes(n)))
            .Append(ImportEntry.File("root/small/a.txt", "a"u8.ToArray()));
        var root = await new UnixFsImporter(store, new ImportOptions { HamtShardingThreshold = 1024 }).AddAsync(entries);
        var reader = new UnixFsReader(store);
        var visited = new List<Cid>();

        var resolved = await reader.ResolveAsync(ContentPath.Parse($"/ipfs/{root.Cid}/big/f-0777"), visited);
        var small = await reader.ResolveAsync(ContentPath.Parse($"{root.Cid}/small/a.txt"));

        Assert.Equal(UnixFsNodeKind.ShardedDirectory, (await reader.StatAsync(resolved.Nodes[1])).Kind);
        await using (var file = await reader.OpenReadAsync(resolved.Cid))
        {
            Assert.Equal("f-0777", await new StreamReader(file).ReadToEndAsync());
        }

        Assert.Equal([root.Cid, resolved.Nodes[1], resolved.Cid], resolved.Nodes);
        Assert.Equal(root.Cid, visited[0]);
        Assert.True(visited.Count >= 2, "the HAMT's shards on the hash path are reported");
        Assert.Equal(3, small.Nodes.Count);
        Assert.Equal(root.Cid, (await reader.ResolveAsync(root.Cid)).Cid);
    }

    [Fact]
    public async Task ResolveAsync_MissingNameOrUnderAFile_PathNotFoundNamingTheSegment()
    {
        var dag = new TestDag();
        var a = dag.RawLeaf("a"u8);
        var dir = dag.Directory(("a.txt", a));
        var reader = new UnixFsReader(dag.Store);

        var missing = await Assert.ThrowsAsync<IpfsKitPathNotFoundException>(() => reader.ResolveAsync(new ContentPath(dir, ["b.txt"])));
        var underFile = await Assert.ThrowsAsync<IpfsKitPathNotFoundException>(() => reader.ResolveAsync(new ContentPath(dir, ["a.txt", "x"])));

        Assert.Equal("b.txt", missing.Segment);
        Assert.Equal(dir, missing.Parent);
        Assert.Contains("\"b.txt\"", missing.Message, StringComparison.Ordinal);
        Assert.Equal("x", underFile.Segment);
        Assert.Equal(a, underFile.Parent);
        Assert.Contains("a raw block", underFile.Message, StringComparison.Ordinal);
    }
}
