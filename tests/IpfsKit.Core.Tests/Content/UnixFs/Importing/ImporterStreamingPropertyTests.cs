using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsKit.Blocks;
using IpfsKit.Content.UnixFs.Importing;

namespace IpfsKit.Tests.Content.UnixFs.Importing;

/// <summary>The streaming import (entries in arrival order) builds the same DAG as the tree import.</summary>
public sealed class ImporterStreamingPropertyTests
{
    [Property(MaxTest = 80)]
    public Property AddStreamAsync_RandomTreeInAnyOrder_SameRootAndEntriesAsAddAsync()
    {
        return Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var options = new ImportOptions
            {
                CidVersion = random.Next(2),
                RawLeaves = random.Next(3) switch { 0 => null, 1 => true, _ => false },
                ChunkSize = 64,
                MaxLinks = 3,
                Layout = random.Next(2) == 0 ? DagLayout.Balanced : DagLayout.Trickle,
                WrapWithDirectory = true,
                HamtShardingThreshold = random.Next(2) == 0 ? 0 : 120,
                MaxDegreeOfParallelism = 2,
            };
            var entries = RandomTree(random);
            var tree = new UnixFsImporter(new MemoryBlockStore(), options).AddAsync(entries).GetAwaiter().GetResult();

            var arrival = entries.OrderBy(_ => random.Next()).ToArray();
            var store = new MemoryBlockStore();
            var streamed = Collect(new UnixFsImporter(store, options).AddStreamAsync(arrival.ToAsyncEnumerable()));

            Assert.Equal(tree.Cid, streamed[^1].Cid);
            Assert.Equal(string.Empty, streamed[^1].Name);
            Assert.Equal(tree.DagSize, streamed[^1].DagSize);
            var files = entries.Where(e => e.Kind != ImportEntryKind.Directory).Select(e => e.Path).Order(StringComparer.Ordinal);
            Assert.Equal(files, streamed.Take(files.Count()).Select(r => r.Name).Order(StringComparer.Ordinal));
            var hashOnly = new UnixFsImporter(null, options with { WrapWithDirectory = false });
            foreach (var result in streamed.Take(files.Count()))
            {
                var entry = entries.Single(e => e.Path == result.Name);
                var alone = entry.Kind == ImportEntryKind.File ? ImportEntry.File("x", entry.OpenContent!) : ImportEntry.Symlink("x", entry.SymlinkTarget!);
                Assert.Equal(hashOnly.AddAsync([alone]).GetAwaiter().GetResult().Cid, result.Cid);
            }

            return true;
        });
    }

    private static List<ImportResult> Collect(IAsyncEnumerable<ImportResult> results) =>
        results.ToListAsync().AsTask().GetAwaiter().GetResult();

    private static List<ImportEntry> RandomTree(Random random)
    {
        var entries = new List<ImportEntry>();
        var names = new[] { "a", "b", "c.txt", "d", "é", "z9" };
        var used = new HashSet<string>(StringComparer.Ordinal);
        var directories = new List<string> { string.Empty };
        var count = random.Next(1, 14);
        for (var i = 0; i < count; i++)
        {
            var parent = directories[random.Next(directories.Count)];
            var path = (parent.Length == 0 ? string.Empty : parent + "/") + names[random.Next(names.Length)] + i;
            if (!used.Add(path))
            {
                continue;
            }

            switch (random.Next(5))
            {
                case 0:
                    entries.Add(ImportEntry.Directory(path));
                    directories.Add(path);
                    break;
                case 1:
                    entries.Add(ImportEntry.Symlink(path, "../target" + i));
                    break;
                default:
                    var content = new byte[random.Next(0, 700)];
                    random.NextBytes(content);
                    entries.Add(ImportEntry.File(path, content));
                    break;
            }
        }

        return entries;
    }
}
