using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsKit.Content.UnixFs.Reading;

namespace IpfsKit.Tests.Content.UnixFs.Reading;

/// <summary>FsCheck properties: random data in random DAGs read back whole and in random ranges, fetching only what is needed.</summary>
public sealed partial class UnixFsFileStreamTests
{
    private static readonly Gen<(int Offset, int Length)[]> Ranges =
        from count in Gen.Choose(1, 6)
        from ranges in Gen.ArrayOf(
            from offset in Gen.Choose(0, 6200)
            from length in Gen.Choose(0, 2500)
            select (offset, length),
            count)
        select ranges;

    [Property(MaxTest = 150)]
    public Property SeekAndRead_RandomShapeDag_WholeAndRangesEqualInputAndFetchOnlyTheirBlocks()
    {
        var cases =
            from size in Gen.Choose(0, 6000)
            from seed in Gen.Choose(0, int.MaxValue)
            from maxChunk in Gen.Choose(1, 900)
            from maxFanout in Gen.Choose(1, 6)
            from ranges in Ranges
            select new DagCase(size, seed, maxChunk, maxFanout, ranges);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var data = Bytes(c.Size, c.Seed);
            var dag = new TestDag();
            var root = dag.RandomShape(data, c.Seed, c.MaxChunk, c.MaxFanout);
            CheckReads(dag, root, data, c.Ranges);
        });
    }

    [Property(MaxTest = 100)]
    public Property SeekAndRead_BalancedDag_WholeAndRangesEqualInputAndFetchOnlyTheirBlocks()
    {
        var cases =
            from size in Gen.Choose(0, 6000)
            from seed in Gen.Choose(0, int.MaxValue)
            from chunk in Gen.Choose(1, 1200)
            from fanout in Gen.Choose(2, 8)
            from leaves in Gen.Elements(LeafFormat.Raw, LeafFormat.DagPbFile, LeafFormat.DagPbRaw)
            from ranges in Ranges
            select (Case: new DagCase(size, seed, chunk, fanout, ranges), Leaves: leaves);
        return Prop.ForAll(cases.ToArbitrary(), t =>
        {
            var (c, leaves) = t;
            var data = Bytes(c.Size, c.Seed);
            var dag = new TestDag();
            var root = dag.Balanced(data, c.MaxChunk, c.MaxFanout, leaves);
            CheckReads(dag, root, data, c.Ranges);
        });
    }

    [Property(MaxTest = 60)]
    public Property SeekAndRead_WithReadAhead_SameBytes()
    {
        var cases =
            from size in Gen.Choose(0, 6000)
            from seed in Gen.Choose(0, int.MaxValue)
            from maxChunk in Gen.Choose(1, 900)
            from maxFanout in Gen.Choose(1, 6)
            from ranges in Ranges
            from readAhead in Gen.Choose(1, 5)
            select (Case: new DagCase(size, seed, maxChunk, maxFanout, ranges), ReadAhead: readAhead);
        return Prop.ForAll(cases.ToArbitrary(), t =>
        {
            var (c, readAhead) = t;
            var data = Bytes(c.Size, c.Seed);
            var dag = new TestDag();
            var root = dag.RandomShape(data, c.Seed, c.MaxChunk, c.MaxFanout);
            var reader = new UnixFsReader(new DelayedSource(dag.Store), new UnixFsReaderOptions { ReadAheadBlocks = readAhead });
            using var stream = reader.OpenReadAsync(root.Cid).GetAwaiter().GetResult();

            Assert.Equal(data, ReadToEndAsync(stream, 333).GetAwaiter().GetResult());
            foreach (var (offset, length) in c.Ranges)
            {
                stream.Position = offset;
                Assert.Equal(Slice(data, offset, length), ReadExactlyAsync(stream, length).GetAwaiter().GetResult());
            }
        });
    }

    /// <summary>Whole read, then each range on a fresh stream, checking the bytes and the exact blocks fetched.</summary>
    private static void CheckReads(TestDag dag, TreeNode root, byte[] data, (int Offset, int Length)[] ranges)
    {
        var counting = new CountingSource(dag.Store);
        var reader = new UnixFsReader(counting);
        using (var whole = reader.OpenReadAsync(root.Cid).GetAwaiter().GetResult())
        {
            Assert.Equal(data.Length, whole.Length);
            Assert.Equal(data, ReadToEndAsync(whole, 257).GetAwaiter().GetResult());
            AssertSameBlocks(root.Needed(0, data.Length), counting.Fetched);
        }

        foreach (var (offset, length) in ranges)
        {
            counting.Clear();
            using var stream = reader.OpenReadAsync(root.Cid).GetAwaiter().GetResult();
            stream.Seek(offset, SeekOrigin.Begin);

            Assert.Equal(Slice(data, offset, length), ReadExactlyAsync(stream, length).GetAwaiter().GetResult());
            AssertSameBlocks(root.Needed(offset, length), counting.Fetched);
        }
    }

    private static byte[] Slice(byte[] data, int offset, int length) =>
        data.AsSpan(Math.Min(offset, data.Length), Math.Clamp(data.Length - offset, 0, length)).ToArray();

    /// <summary>A generated case, printed whole when a property fails.</summary>
    internal sealed record DagCase(int Size, int Seed, int MaxChunk, int MaxFanout, (int Offset, int Length)[] Ranges)
    {
        public override string ToString() =>
            $"DagCase(Size={Size}, Seed={Seed}, MaxChunk={MaxChunk}, MaxFanout={MaxFanout}, Ranges=[{string.Join(", ", Ranges)}])";
    }
}
