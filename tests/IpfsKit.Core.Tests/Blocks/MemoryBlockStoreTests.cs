using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Testing.Blocks;

namespace IpfsKit.Tests.Blocks;

public sealed class MemoryBlockStoreTests : BlockStoreContractTests<MemoryBlockStore>
{
    protected override bool KeepsInstances => true;

    protected override Task<MemoryBlockStore> CreateStoreAsync() => Task.FromResult(new MemoryBlockStore());

    protected override void AssertHolds(MemoryBlockStore store, params Block[] blocks)
    {
        Assert.Equal(blocks.Length, store.Count);
        Assert.Equal(blocks.Sum(b => (long)b.Size), store.TotalBytes);
    }

    [Fact]
    public async Task PutAsync_ConcurrentWriters_EveryBlockOnce()
    {
        var store = new MemoryBlockStore();
        var blocks = Enumerable.Range(0, 500).Select(i => Block.Create(BitConverter.GetBytes(i % 250))).ToArray();

        await Parallel.ForEachAsync(blocks, async (block, token) => await store.PutAsync(block, token));

        Assert.Equal(250, store.Count);
        Assert.Equal(250 * 4, store.TotalBytes);
        Assert.Equal(blocks.Select(b => b.Cid).Distinct().Order(), (await store.EnumerateAsync().ToListAsync()).Order());
    }

    // Model-based: a random sequence of puts and deletes leaves the store holding exactly what a dictionary holds.
    [Property]
    public Property Operations_RandomSequence_MatchDictionaryModel() =>
        Prop.ForAll(OperationsGen.ToArbitrary(), operations =>
        {
            var store = new MemoryBlockStore();
            var model = new Dictionary<Cid, Block>();
            foreach (var (put, block) in operations)
            {
                if (put)
                {
                    store.PutAsync(block).AsTask().GetAwaiter().GetResult();
                    model.TryAdd(block.Cid, block);
                }
                else
                {
                    var deleted = store.DeleteAsync(block.Cid).AsTask().GetAwaiter().GetResult();
                    if (deleted != model.Remove(block.Cid))
                    {
                        return false;
                    }
                }
            }

            var listed = store.EnumerateAsync().ToListAsync().AsTask().GetAwaiter().GetResult();
            return store.Count == model.Count
                && store.TotalBytes == model.Values.Sum(b => (long)b.Size)
                && listed.Order().SequenceEqual(model.Keys.Order())
                && operations.All(o => store.HasAsync(o.Block.Cid).AsTask().GetAwaiter().GetResult() == model.ContainsKey(o.Block.Cid))
                && model.Values.All(b => ReferenceEquals(store.GetAsync(b.Cid).AsTask().GetAwaiter().GetResult(), b));
        });

    private static Gen<(bool Put, Block Block)[]> OperationsGen =>
        from pool in Gen.ArrayOf(BlockTests.BlockGen, 5)
        from operations in Gen.ArrayOf(
            from put in Gen.Frequency((2, Gen.Constant(true)), (1, Gen.Constant(false)))
            from index in Gen.Choose(0, 4)
            select (put, pool[index]))
        select operations;
}
