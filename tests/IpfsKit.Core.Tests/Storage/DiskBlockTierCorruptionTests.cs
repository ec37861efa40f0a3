using IpfsKit.Blocks;
using IpfsKit.Storage;

namespace IpfsKit.Tests.Storage;

[Trait("Category", "Storage")]
public sealed class DiskBlockTierCorruptionTests : IDisposable
{
    private readonly DiskTierFolder _folder = new();
    private readonly Random _random = new(42);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task GetAsync_DamagedFiles_DiscardedNeverServed()
    {
        var blocks = Enumerable.Range(0, 10).Select(i => DiskTierFolder.RandomBlock(_random, 100 + (i * 311))).ToList();
        var tier = await DiskBlockTier.OpenAsync(new DiskBlockTierOptions { Path = _folder.Path, Capacity = 1 << 20 });
        using (tier)
        {
            foreach (var block in blocks)
            {
                await tier.PutAsync(block);
            }
        }

        // Damage the files while the tier is closed, then reopen: flip a byte, truncate, append, substitute.
        await FlipByteAsync(_folder.DataFile(blocks[0].Cid));
        await FlipByteAsync(_folder.DataFile(blocks[1].Cid));
        Truncate(_folder.DataFile(blocks[2].Cid), 10);
        Truncate(_folder.DataFile(blocks[3].Cid), 0);
        await File.AppendAllTextAsync(_folder.DataFile(blocks[4].Cid), "x");
        File.Copy(_folder.DataFile(blocks[6].Cid), _folder.DataFile(blocks[5].Cid), overwrite: true);
        var damaged = blocks.Take(6).ToList();
        var intact = blocks.Skip(6).ToList();

        using var reopened = await DiskBlockTier.OpenAsync(new DiskBlockTierOptions { Path = _folder.Path, Capacity = 1 << 20 });
        var discarded = new List<DiscardedBlockEventArgs>();
        reopened.BlockDiscarded += (sender, e) =>
        {
            Assert.Same(reopened, sender);
            discarded.Add(e);
        };

        foreach (var block in damaged)
        {
            Assert.Null(await reopened.GetAsync(block.Cid));
            Assert.False(File.Exists(_folder.DataFile(block.Cid)));
            Assert.False(await reopened.HasAsync(block.Cid));
        }

        foreach (var block in intact)
        {
            Assert.Equal(block.Data.ToArray(), (await reopened.GetAsync(block.Cid))!.Data.ToArray());
        }

        Assert.Equal(damaged.Select(b => b.Cid), discarded.Select(e => e.Cid));
        Assert.All(discarded, e => Assert.Equal(_folder.DataFile(e.Cid), e.Path));

        // The index learned each length from the file at open, so only the hash tells these apart.
        Assert.All(discarded, e => Assert.Equal("the bytes do not hash to the CID", e.Reason));
        var stats = reopened.GetStatistics();
        Assert.Equal(damaged.Count, stats.CorruptBlocks);
        Assert.Equal(intact.Count, stats.Hits);
        Assert.Equal(damaged.Count, stats.Misses);
        Assert.Equal(intact.Sum(b => (long)b.Size), reopened.UsedBytes);
        Assert.Equal(intact.Count, stats.Blocks);
    }

    [Fact]
    public async Task GetAsync_FileDamagedWhileOpen_DiscardedAndCanBeStoredAgain()
    {
        using var tier = await DiskBlockTier.OpenAsync(new DiskBlockTierOptions { Path = _folder.Path });
        var block = DiskTierFolder.RandomBlock(_random, 4096);
        await tier.PutAsync(block);
        DiscardedBlockEventArgs? seen = null;
        tier.BlockDiscarded += (_, e) => seen = e;

        await FlipByteAsync(_folder.DataFile(block.Cid));

        Assert.Null(await tier.GetAsync(block.Cid));
        Assert.NotNull(seen);
        Assert.Equal(block.Cid, seen.Cid);
        Assert.Equal(0, tier.UsedBytes);
        Assert.Equal(1, tier.GetStatistics().CorruptBlocks);

        await tier.PutAsync(block);
        Assert.Equal(block.Data.ToArray(), (await tier.GetAsync(block.Cid))!.Data.ToArray());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public async Task GetAsync_FileLengthChangedWhileOpen_DiscardedAsCorrupt(int delta)
    {
        using var tier = await DiskBlockTier.OpenAsync(new DiskBlockTierOptions { Path = _folder.Path });
        var block = DiskTierFolder.RandomBlock(_random, 1000);
        var other = DiskTierFolder.RandomBlock(_random, 1000);
        await tier.PutAsync(block);
        await tier.PutAsync(other);
        DiscardedBlockEventArgs? seen = null;
        tier.BlockDiscarded += (_, e) => seen = e;

        Truncate(_folder.DataFile(block.Cid), 1000 + delta);

        Assert.Null(await tier.GetAsync(block.Cid));
        Assert.Equal("the file is not 1000 bytes long as written", seen?.Reason);
        Assert.False(File.Exists(_folder.DataFile(block.Cid)));
        Assert.Equal(1, tier.GetStatistics().CorruptBlocks);
        Assert.Equal(1000, tier.UsedBytes);
        Assert.NotNull(await tier.GetAsync(other.Cid));
    }

    [Fact]
    public async Task GetAsync_FileDeletedBehindTheTiersBack_MissNotCorrupt()
    {
        using var tier = await DiskBlockTier.OpenAsync(new DiskBlockTierOptions { Path = _folder.Path });
        var block = DiskTierFolder.RandomBlock(_random, 100);
        await tier.PutAsync(block);
        DiscardedBlockEventArgs? seen = null;
        tier.BlockDiscarded += (_, e) => seen = e;

        File.Delete(_folder.DataFile(block.Cid));

        Assert.Null(await tier.GetAsync(block.Cid));
        Assert.Equal("the file is gone", seen?.Reason);
        Assert.False(await tier.HasAsync(block.Cid));
        Assert.Equal(0, tier.GetStatistics().CorruptBlocks);
        Assert.Equal(0, tier.UsedBytes);
    }

    private async Task FlipByteAsync(string path)
    {
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[_random.Next(bytes.Length)] ^= 0x01;
        await File.WriteAllBytesAsync(path, bytes);
    }

    private static void Truncate(string path, long length)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write);
        stream.SetLength(length);
    }
}
