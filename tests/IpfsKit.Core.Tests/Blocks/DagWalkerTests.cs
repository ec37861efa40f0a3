using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Errors;

namespace IpfsKit.Tests.Blocks;

public sealed class DagWalkerTests
{
    private static Arbitrary<(int Seed, int Size)> Dags =>
        (from seed in Gen.Choose(0, int.MaxValue)
         from size in Gen.Choose(1, 40)
         select (seed, size)).ToArbitrary();

    [Property(MaxTest = 200)]
    public Property WalkAsync_RandomDag_EveryReachableBlockOnceInModelOrderIdentityNeverFetched() =>
        Prop.ForAll(Dags, Gen.Choose(0, 3).ToArbitrary(), (dag, depth) =>
        {
            var model = new RandomDag(dag.Seed, dag.Size);
            var source = new RecordingSource(model.Store);
            var maxDepth = depth == 3 ? (int?)null : depth;

            var walked = Walk(source, model.Roots, new DagWalkOptions { MaxDepth = maxDepth });
            var again = Walk(model.Store, model.Roots, new DagWalkOptions { MaxDepth = maxDepth });

            Assert.Equal(model.Expected(model.Roots, null, maxDepth ?? int.MaxValue), walked.Select(b => b.Cid));
            Assert.Equal(walked.Select(b => b.Cid), again.Select(b => b.Cid)); // stable
            Assert.Equal(walked.Count, walked.Select(b => b.Cid).Distinct().Count());
            Assert.DoesNotContain(source.Requested, c => c.HashCode == Multicodec.Identity);
            Assert.All(walked.Where(b => b.Cid.HashCode == Multicodec.Identity), b => Assert.Equal(b.Cid.Hash.Digest.ToArray(), b.Data.ToArray()));
            return true.Classify(walked.Any(b => b.Cid.HashCode == Multicodec.Identity), "identity blocks walked")
                .Classify(model.Roots.Count > 1, "several roots");
        });

    [Property(MaxTest = 200)]
    public Property WalkAsync_SkipIdentityBlocks_TheOthersInTheSameOrder() =>
        Prop.ForAll(Dags, dag =>
        {
            var model = new RandomDag(dag.Seed, dag.Size);

            var walked = Walk(model.Store, model.Roots, new DagWalkOptions { SkipIdentityBlocks = true });

            Assert.Equal(model.Stored, walked.Select(b => b.Cid));
        });

    [Property(MaxTest = 200)]
    public Property WalkAsync_MissingBlock_ThrowsTypedOrSkipsItsSubtree() =>
        Prop.ForAll(Dags, Gen.Choose(0, int.MaxValue).ToArbitrary(), (dag, pick) =>
        {
            var model = new RandomDag(dag.Seed, dag.Size);
            var stored = model.Stored.ToList();
            return Prop.When(stored.Count > 0, () =>
            {
                var missing = stored[pick % stored.Count];
                model.Store.DeleteAsync(missing).AsTask().GetAwaiter().GetResult();

                var skipped = Walk(model.Store, model.Roots, new DagWalkOptions { SkipMissing = true });
                var error = Assert.Throws<IpfsKitBlockNotFoundException>(() => Walk(model.Store, model.Roots, DagWalkOptions.Default));

                Assert.Equal(model.Expected(model.Roots, new HashSet<Cid> { missing }, int.MaxValue), skipped.Select(b => b.Cid));
                Assert.Equal(missing, error.Cid);
            });
        });

    [Property(MaxTest = 100)]
    public Property ListAsync_RandomDag_SameCidsAsWalkAsyncWithoutReadingLeaves() =>
        Prop.ForAll(Dags, dag =>
        {
            var model = new RandomDag(dag.Seed, dag.Size);
            var source = new RecordingSource(model.Store);

            var listed = DagWalker.ListAsync(source, model.Roots[0]).ToListAsync().AsTask().GetAwaiter().GetResult();

            Assert.Equal(model.Expected([model.Roots[0]], null, int.MaxValue), listed);
            Assert.All(source.Requested, c => Assert.Equal(Multicodec.DagPb, c.Codec));
        });

    [Fact]
    public async Task WalkAsync_Cancelled_ThrowsOperationCanceled()
    {
        var model = new RandomDag(7, 30);
        using var cancel = new CancellationTokenSource();
        var count = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in DagWalker.WalkAsync(model.Store, model.Roots, null, cancel.Token))
            {
                count++;
                await cancel.CancelAsync();
            }
        });
        Assert.Equal(1, count);
    }

    private static List<Block> Walk(IBlockSource source, IReadOnlyList<Cid> roots, DagWalkOptions options) =>
        DagWalker.WalkAsync(source, roots, options, CancellationToken.None).ToListAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>A store that records every CID it is asked to read.</summary>
    private sealed class RecordingSource(MemoryBlockStore inner) : IBlockStore
    {
        public List<Cid> Requested { get; } = [];

        public ValueTask<Block?> GetAsync(Cid cid, CancellationToken cancellationToken = default)
        {
            Requested.Add(cid);
            return inner.GetAsync(cid, cancellationToken);
        }

        public ValueTask<bool> HasAsync(Cid cid, CancellationToken cancellationToken = default) => inner.HasAsync(cid, cancellationToken);

        public ValueTask PutAsync(Block block, CancellationToken cancellationToken = default) => inner.PutAsync(block, cancellationToken);

        public ValueTask<bool> DeleteAsync(Cid cid, CancellationToken cancellationToken = default) => inner.DeleteAsync(cid, cancellationToken);

        public IAsyncEnumerable<Cid> EnumerateAsync(CancellationToken cancellationToken = default) => inner.EnumerateAsync(cancellationToken);
    }
}
