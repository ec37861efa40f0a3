using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.DagPb;
using IpfsKit.Content.UnixFs;
using IpfsKit.Content.UnixFs.Importing;
using IpfsKit.Tests.Generators;

namespace IpfsKit.Tests.Content.UnixFs.Importing;

/// <summary>Invariants of every DAG the importer writes, for random data and settings (the reader round trip is in the Reading tests).</summary>
public sealed class ImporterPropertyTests
{
    [Property(MaxTest = 60)]
    public Property ImportedDag_Invariants_Hold()
    {
        return Prop.ForAll(ImportCase.Gen(40_000, 4096, 12).ToArbitrary(), c =>
        {
            var data = c.Data();
            var store = new MemoryBlockStore();
            var result = c.Import(data, store);

            Assert.Equal((ulong)c.Size, result.ContentSize);
            var leaves = new List<byte>();
            var dagSize = 0UL;
            // Trickle nodes hold MaxLinks leaves plus up to 4 subtrees per depth, so the link bound is balanced-only (as in Kubo).
            Walk(store, result.Cid, c.Trickle ? int.MaxValue : c.MaxLinks, leaves, ref dagSize);
            Assert.Equal(data, leaves.ToArray());

            // The DAG size counts every block as often as the DAG links it (Kubo's cumulative size); the store keeps
            // identical blocks (equal small chunks) once, so it holds at most that much.
            Assert.Equal(dagSize, result.DagSize);
            Assert.True((ulong)store.TotalBytes <= result.DagSize);
        });
    }

    private static ulong Walk(MemoryBlockStore store, Cid cid, int maxLinks, List<byte> content, ref ulong dagSize)
    {
        var block = store.GetRequiredAsync(cid).AsTask().GetAwaiter().GetResult();
        dagSize += (ulong)block.Size;
        if (cid.Codec == Multicodec.Raw)
        {
            content.AddRange(block.Data.ToArray());
            return (ulong)block.Size;
        }

        var node = DagPbCodec.Decode(block.Data);
        var unixFs = UnixFsCodec.Decode(node.Data!.Value);
        Assert.True(node.Links.Count <= maxLinks, "a node has more links than MaxLinks");
        Assert.Equal(node.Links.Count, unixFs.BlockSizes.Count);
        if (unixFs.Data is { } inline)
        {
            content.AddRange(inline.ToArray());
        }

        ulong sum = (ulong)(unixFs.Data?.Length ?? 0);
        for (var i = 0; i < node.Links.Count; i++)
        {
            var childSize = Walk(store, node.Links[i].Hash, maxLinks, content, ref dagSize);
            Assert.Equal(unixFs.BlockSizes[i], childSize);
            sum += childSize;
        }

        Assert.Equal(unixFs.FileSize, sum);
        return sum;
    }
}
