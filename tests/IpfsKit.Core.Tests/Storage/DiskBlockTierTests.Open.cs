using IpfsKit.Errors;
using IpfsKit.Storage;

namespace IpfsKit.Tests.Storage;

public sealed partial class DiskBlockTierTests
{
    [Fact]
    public async Task OpenAsync_MissingFolder_CreatesIt()
    {
        var nested = Path.Combine(_folder.Path, "a", "b");

        using var tier = await DiskBlockTier.OpenAsync(new DiskBlockTierOptions { Path = nested });

        Assert.True(Directory.Exists(Path.Combine(nested, "blocks")));
        Assert.True(Directory.Exists(Path.Combine(nested, "tmp")));
        Assert.Equal(StorageOptions.DefaultMaxStorage.Bytes, tier.Capacity);
    }

    [Fact]
    public async Task OpenAsync_ReadOnlyFolder_ThrowsStorage()
    {
        var readOnly = Path.Combine(_folder.Path, "ro");
        Directory.CreateDirectory(readOnly);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(readOnly, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        if (!CanWriteIn(readOnly))
        {
            var ex = await Assert.ThrowsAsync<IpfsKitStorageException>(() => DiskBlockTier.OpenAsync(new DiskBlockTierOptions { Path = readOnly }));
            Assert.Equal(readOnly, ex.Path);
            Assert.Equal("the folder is read-only", ex.Reason);
        }
        else
        {
            // Running as root (or on Windows): mode 555 does not stop root from writing, so the read-only case cannot be produced here.
            // Assert instead on a folder that cannot exist: a path under a regular FILE must fail the same way.
            var file = Path.Combine(_folder.Path, "plain-file");
            await File.WriteAllTextAsync(file, "not a folder");
            var underFile = Path.Combine(file, "tier");

            var ex = await Assert.ThrowsAsync<IpfsKitStorageException>(() => DiskBlockTier.OpenAsync(new DiskBlockTierOptions { Path = underFile }));
            Assert.Equal(underFile, ex.Path);
            Assert.Equal("the folder cannot be created", ex.Reason);
            Assert.IsAssignableFrom<IOException>(ex.InnerException);
        }
    }

    [Fact]
    public async Task OpenAsync_LeftoverTempFiles_DeletedAndNeverServed()
    {
        var block = NewBlock(300);
        Directory.CreateDirectory(_folder.Temp);
        var leftover = Path.Combine(_folder.Temp, "0123456789abcdef.tmp");
        await File.WriteAllBytesAsync(leftover, block.Data.ToArray());
        var named = Path.Combine(_folder.Temp, Path.GetFileName(_folder.DataFile(block.Cid)));
        await File.WriteAllBytesAsync(named, block.Data.ToArray());

        using var tier = await OpenAsync();

        Assert.Empty(_folder.TempFiles());
        Assert.False(await tier.HasAsync(block.Cid));
        Assert.Null(await tier.GetAsync(block.Cid));
        Assert.Equal(0, tier.UsedBytes);
    }

    [Fact]
    public async Task OpenAsync_ForeignFiles_IgnoredAndKept()
    {
        var block = NewBlock(300);
        var right = _folder.DataFile(block.Cid);
        Directory.CreateDirectory(_folder.Blocks);
        var foreign = new[]
        {
            Path.Combine(_folder.Blocks, "README"),
            Path.Combine(_folder.Blocks, Path.GetFileName(right)), // a block file outside its fan-out folder
            Path.Combine(_folder.Blocks, "zz", Path.GetFileName(right)), // in the wrong fan-out folder
            Path.Combine(_folder.Blocks, "ab", "NOT-BASE32.data"),
            Path.Combine(_folder.Blocks, "ab", "aaaaaaab.data"), // base32 but not a CID
        };
        foreach (var path in foreign)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, block.Data.ToArray());
        }

        using var tier = await OpenAsync();

        Assert.Empty(await tier.EnumerateAsync().ToListAsync());
        Assert.Equal(0, tier.UsedBytes);
        Assert.All(foreign, path => Assert.True(File.Exists(path)));
    }

    [Fact]
    public async Task OpenAsync_BudgetLowered_EvictsOldestWrittenUnpinned()
    {
        var blocks = Enumerable.Range(0, 6).Select(_ => NewBlock(1000)).ToList();
        using (var tier = await OpenAsync())
        {
            foreach (var block in blocks)
            {
                await tier.PutAsync(block);
            }

            await tier.PinAsync(blocks[0].Cid);
        }

        // Write times decide the order at open: block i is older than block i + 1.
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < blocks.Count; i++)
        {
            File.SetLastWriteTimeUtc(_folder.DataFile(blocks[i].Cid), start.AddMinutes(i));
        }

        using var reopened = await OpenAsync(capacity: 3000);

        Assert.Equal(3000, reopened.UsedBytes);
        Assert.Equal(
            new[] { blocks[0].Cid, blocks[4].Cid, blocks[5].Cid }.Order(),
            (await reopened.EnumerateAsync().ToListAsync()).Order());
        Assert.Equal(3, _folder.DataFiles().Count());
        Assert.Equal(3, reopened.GetStatistics().Evictions);
    }

    [Fact]
    public async Task ConcurrentPutsAndGets_SameAndDifferentBlocks_AccountingExact()
    {
        var blocks = Enumerable.Range(0, 40).Select(i => NewBlock(100 + (i * 53 % 2000))).ToList();
        using var tier = await OpenAsync(capacity: 20_000);
        var seen = 0;
        tier.BlockDiscarded += (_, _) => Interlocked.Increment(ref seen);

        await Parallel.ForEachAsync(Enumerable.Range(0, 16), async (worker, ct) =>
        {
            var random = new Random(worker);
            for (var i = 0; i < 200; i++)
            {
                var block = blocks[random.Next(worker % 2 == 0 ? 5 : blocks.Count)];
                switch (random.Next(4))
                {
                    case 0:
                    case 1:
                        await tier.PutAsync(block, ct);
                        break;
                    case 2:
                        var read = await tier.GetAsync(block.Cid, ct);
                        Assert.True(read is null || read.Data.Span.SequenceEqual(block.Data.Span));
                        break;
                    default:
                        if (random.Next(10) == 0)
                        {
                            await tier.DeleteAsync(block.Cid, ct);
                        }

                        break;
                }

                Assert.True(tier.UsedBytes <= tier.Capacity);
            }
        });

        var present = await tier.EnumerateAsync().ToListAsync();
        var sizes = blocks.ToDictionary(b => b.Cid, b => (long)b.Size);
        Assert.Equal(present.Sum(cid => sizes[cid]), tier.UsedBytes);
        Assert.Equal(tier.UsedBytes, _folder.DataFiles().Sum(f => new FileInfo(f).Length));
        Assert.Equal(present.Count, _folder.DataFiles().Count());
        Assert.Equal(present.Count, tier.GetStatistics().Blocks);
        Assert.Equal(tier.UsedBytes, tier.GetStatistics().Bytes);
        Assert.Empty(_folder.TempFiles());
        Assert.Equal(0, seen);
    }

    private static bool CanWriteIn(string folder)
    {
        try
        {
            var probe = Path.Combine(folder, "probe");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
