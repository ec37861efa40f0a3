using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsKit.Blocks;
using IpfsKit.Content.UnixFs.Importing;
using IpfsKit.Content.UnixFs.Reading;
using IpfsKit.Tests.Generators;

namespace IpfsKit.Tests.Content.UnixFs.Reading;

/// <summary>The reader over DAGs made by the importer (balanced and trickle layouts, plain and sharded directories).</summary>
public sealed class UnixFsReaderImportTests
{
    [Property(MaxTest = 50)]
    public Property ReadAfterImport_RandomDataAndSettings_SameBytesAndRanges()
    {
        var gen =
            from c in ImportCase.Gen(30_000, 3000, 8)
            from start in Gen.Choose(0, 32_000)
            from length in Gen.Choose(0, 10_000)
            select (c, start, length);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (c, start, length) = t;
            var data = c.Data();
            var store = new MemoryBlockStore();
            var root = c.Import(data, store);
            using var stream = new UnixFsReader(store).OpenReadAsync(root.Cid).GetAwaiter().GetResult();

            Assert.Equal(data.Length, stream.Length);
            var all = new MemoryStream();
            stream.CopyTo(all);
            Assert.Equal(data, all.ToArray());

            stream.Position = start;
            var range = new byte[length];
            var read = stream.ReadAtLeast(range, length, throwOnEndOfStream: false);
            Assert.Equal(data.Skip(start).Take(length).ToArray(), range.AsSpan(0, read).ToArray());
        });
    }

    [Fact]
    public async Task ListAsync_ImportedPlainAndShardedDirectories_SameEntries()
    {
        var entries = Enumerable.Range(0, 500).Select(i => ImportEntry.File($"d/n{i:D3}", Encoding.UTF8.GetBytes(i.ToString()))).ToArray();
        var store = new MemoryBlockStore();
        var plain = await new UnixFsImporter(store).AddAsync(entries);
        var sharded = await new UnixFsImporter(store, ImportOptions.UnixFsV0Of2015 with { HamtShardingThreshold = 100 }).AddAsync(entries);
        var reader = new UnixFsReader(store);

        Assert.Equal(UnixFsNodeKind.ShardedDirectory, (await reader.StatAsync(sharded.Cid)).Kind);
        var a = await reader.ListAsync(plain.Cid).Select(e => (e.Name, e.Cid)).OrderBy(e => e.Name, StringComparer.Ordinal).ToListAsync();
        var b = await reader.ListAsync(sharded.Cid).Select(e => (e.Name, e.Cid)).OrderBy(e => e.Name, StringComparer.Ordinal).ToListAsync();
        Assert.Equal(500, a.Count);
        Assert.Equal(a, b);
    }
}
