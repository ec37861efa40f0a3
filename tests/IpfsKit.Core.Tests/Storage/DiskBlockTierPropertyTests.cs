using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsKit.Blocks;
using IpfsKit.Errors;
using IpfsKit.Storage;

namespace IpfsKit.Tests.Storage;

/// <summary>Random operation sequences against a model: what the tier may forget (unpinned blocks) and what it must keep.</summary>
[Trait("Category", "Storage")]
public sealed class DiskBlockTierPropertyTests
{
    private const long Capacity = 3000;

    // Eight blocks of 200 to 1,200 bytes: three or four fill the budget, so eviction and full-of-pins both happen.
    private static readonly Block[] Pool = [.. Enumerable.Range(0, 8).Select(i => DiskTierFolder.RandomBlock(new Random(i), 200 + (i * 143)))];

    public enum OpKind
    {
        Put,
        Get,
        Delete,
        Pin,
        Unpin,
        Reopen,
    }

    public readonly record struct Op(OpKind Kind, int Block)
    {
        public override string ToString() => Kind == OpKind.Reopen ? "Reopen" : $"{Kind}({Block})";
    }

    private static Gen<Op> OpGen =>
        from kind in Gen.Frequency(
            (4, Gen.Constant(OpKind.Put)),
            (3, Gen.Constant(OpKind.Get)),
            (1, Gen.Constant(OpKind.Delete)),
            (2, Gen.Constant(OpKind.Pin)),
            (1, Gen.Constant(OpKind.Unpin)),
            (1, Gen.Constant(OpKind.Reopen)))
        from block in Gen.Choose(0, Pool.Length - 1)
        select new Op(kind, block);

    [Property(MaxTest = 50)]
    public Property Operations_AgainstModel_BudgetKeptPinsKeptBytesExact() =>
        Prop.ForAll(
            Gen.ListOf(OpGen).Select(ops => ops.Take(60).ToArray()).ToArbitrary(),
            ops => RunAsync(ops).GetAwaiter().GetResult());

    private static async Task RunAsync(Op[] ops)
    {
        using var folder = new DiskTierFolder();
        var options = new DiskBlockTierOptions { Path = folder.Path, Capacity = Capacity, Fsync = false };
        var tier = await DiskBlockTier.OpenAsync(options);
        var stored = new HashSet<int>(); // put and not deleted since: present unless evicted
        var pinned = new HashSet<int>();
        try
        {
            foreach (var op in ops)
            {
                var block = Pool[op.Block];
                switch (op.Kind)
                {
                    case OpKind.Put:
                        var room = Capacity - Guaranteed().Where(i => i != op.Block).Sum(i => (long)Pool[i].Size);
                        if (!stored.Contains(op.Block) || !await tier.HasAsync(block.Cid))
                        {
                            if (block.Size > room)
                            {
                                await Assert.ThrowsAsync<IpfsKitCapacityException>(() => tier.PutAsync(block).AsTask());
                                stored.Remove(op.Block);
                                break;
                            }
                        }

                        await tier.PutAsync(block);
                        stored.Add(op.Block);
                        break;
                    case OpKind.Get:
                        var read = await tier.GetAsync(block.Cid);
                        if (read is null)
                        {
                            Assert.DoesNotContain(op.Block, Guaranteed());
                            stored.Remove(op.Block);
                        }
                        else
                        {
                            Assert.Contains(op.Block, stored);
                            Assert.Equal(block.Data.ToArray(), read.Data.ToArray());
                        }

                        break;
                    case OpKind.Delete:
                        var present = await tier.DeleteAsync(block.Cid);
                        Assert.True(!present || stored.Contains(op.Block));
                        stored.Remove(op.Block);
                        pinned.Remove(op.Block);
                        break;
                    case OpKind.Pin:
                        var has = await tier.PinAsync(block.Cid);
                        Assert.True(!has || stored.Contains(op.Block));
                        if (!has)
                        {
                            stored.Remove(op.Block);
                        }

                        pinned.Add(op.Block);
                        break;
                    case OpKind.Unpin:
                        Assert.Equal(pinned.Remove(op.Block), await tier.UnpinAsync(block.Cid));
                        break;
                    default:
                        tier.Dispose();
                        tier = await DiskBlockTier.OpenAsync(options);
                        break;
                }

                await CheckAsync(tier, stored, pinned, Guaranteed());
            }
        }
        finally
        {
            tier.Dispose();
        }

        // Pinned blocks that are stored cannot have been evicted.
        IEnumerable<int> Guaranteed() => stored.Intersect(pinned);
    }

    private static async Task CheckAsync(DiskBlockTier tier, HashSet<int> stored, HashSet<int> pinned, IEnumerable<int> guaranteed)
    {
        Assert.True(tier.UsedBytes <= Capacity, $"{tier.UsedBytes} bytes held over a budget of {Capacity}");
        foreach (var i in guaranteed)
        {
            Assert.True(await tier.HasAsync(Pool[i].Cid), $"pinned block {i} is missing");
        }

        var present = await tier.EnumerateAsync().ToListAsync();
        var indexOf = Enumerable.Range(0, Pool.Length).ToDictionary(i => Pool[i].Cid);
        Assert.All(present, cid => Assert.Contains(indexOf[cid], stored));
        Assert.Equal(present.Sum(cid => (long)Pool[indexOf[cid]].Size), tier.UsedBytes);
        Assert.All(Enumerable.Range(0, Pool.Length), i => Assert.Equal(pinned.Contains(i), tier.IsPinned(Pool[i].Cid)));
    }
}
