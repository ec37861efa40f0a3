using System.Buffers.Binary;
using IpfsKit.Content;
using IpfsKit.Sharding;

namespace IpfsKit.Benchmarks.CompositeSimulation;

/// <summary>
/// A balanced DAG of equal leaves that exists only as arithmetic: a node is (height, index), its CID carries both in its
/// digest, and <see cref="Fetch"/> builds its outline node on demand, so a 100 TiB DAG (100 M leaves) costs nothing
/// until a planner reads part of it. Internal blocks weigh 12 + 40 bytes a link, as dag-pb with CIDv1 links roughly does.
/// </summary>
internal sealed class SyntheticTree
{
    private readonly long[] _counts;
    private readonly long[] _fullBytes;

    public SyntheticTree(long leaves, int fanout, long leafBytes)
    {
        Fanout = fanout;
        LeafBytes = leafBytes;
        var counts = new List<long> { leaves };
        while (counts[^1] > 1)
        {
            counts.Add((counts[^1] + fanout - 1) / fanout);
        }

        _counts = [.. counts];
        _fullBytes = new long[_counts.Length];
        _fullBytes[0] = leafBytes;
        for (var h = 1; h < _counts.Length; h++)
        {
            _fullBytes[h] = BlockBytes(fanout) + (fanout * _fullBytes[h - 1]);
        }

        Root = CidOf(Height, 0);
    }

    public int Fanout { get; }

    public long Leaves => _counts[0];

    public long LeafBytes { get; }

    /// <summary>Gets the root's height (leaves are at 0).</summary>
    public int Height => _counts.Length - 1;

    public Cid Root { get; }

    /// <summary>Gets the number of nodes read so far.</summary>
    public long Reads => Interlocked.Read(ref _reads);

    private long _reads;

    public long TotalBytes => SubtreeBytes(Height, 0);

    public static long BlockBytes(int links) => 12 + (40L * links);

    public Cid CidOf(int height, long index)
    {
        Span<byte> mh = stackalloc byte[34];
        mh.Clear();
        mh[0] = 0x12;
        mh[1] = 32;
        // At the end of the digest, low bytes last: a CID's hash code is its last 4 bytes (random in a real digest).
        mh[25] = (byte)height;
        BinaryPrimitives.WriteInt64BigEndian(mh[26..], index);
        return Cid.CreateV1(height == 0 ? Multicodec.Raw : Multicodec.DagPb, Multihash.FromBytes(mh));
    }

    public static (int Height, long Index) Decode(Cid cid)
    {
        var digest = cid.Hash.Digest.Span;
        return (digest[23], BinaryPrimitives.ReadInt64BigEndian(digest[24..]));
    }

    /// <summary>The bytes of the subtree under (height, index): its blocks and all below (only a last child can be partial).</summary>
    public long SubtreeBytes(int height, long index)
    {
        if (height == 0)
        {
            return LeafBytes;
        }

        if (LeavesUnder(height, index) == Span(height))
        {
            return _fullBytes[height];
        }

        var (first, count) = Children(height, index);
        return BlockBytes((int)count) + ((count - 1) * _fullBytes[height - 1]) + SubtreeBytes(height - 1, first + count - 1);
    }

    /// <summary>The DAG bytes of the subtree a CID names.</summary>
    public long SubtreeBytes(Cid cid)
    {
        var (height, index) = Decode(cid);
        return SubtreeBytes(height, index);
    }

    /// <summary>Builds the outline node of a CID (null for a leaf), counting the read.</summary>
    public ValueTask<OutlineNode?> Fetch(Cid cid, CancellationToken cancellationToken)
    {
        var (height, index) = Decode(cid);
        if (height == 0)
        {
            return ValueTask.FromResult<OutlineNode?>(null);
        }

        Interlocked.Increment(ref _reads);
        var (first, count) = Children(height, index);
        var links = new OutlineLink[count];
        for (var i = 0; i < count; i++)
        {
            var bytes = SubtreeBytes(height - 1, first + i);
            links[i] = new OutlineLink(CidOf(height - 1, first + i), ContentBytes(height - 1, first + i), bytes);
        }

        return ValueTask.FromResult<OutlineNode?>(new OutlineNode(cid, BlockBytes((int)count), links));
    }

    private long ContentBytes(int height, long index) => LeavesUnder(height, index) * LeafBytes;

    private long LeavesUnder(int height, long index) => Math.Min(Span(height), _counts[0] - (index * Span(height)));

    private long Span(int height)
    {
        var span = 1L;
        for (var h = 0; h < height; h++)
        {
            span *= Fanout;
        }

        return span;
    }

    private (long First, long Count) Children(int height, long index)
    {
        var first = index * Fanout;
        return (first, Math.Min(Fanout, _counts[height - 1] - first));
    }
}
