using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.DagPb;
using IpfsKit.Content.UnixFs;

namespace IpfsKit.Tests.Content.UnixFs.Reading;

/// <summary>How a test DAG stores its leaves.</summary>
public enum LeafFormat
{
    /// <summary>Raw blocks (CIDv1, codec 0x55).</summary>
    Raw,

    /// <summary>dag-pb UnixFS File nodes with the bytes in Data.</summary>
    DagPbFile,

    /// <summary>dag-pb UnixFS Raw nodes (the legacy leaf type).</summary>
    DagPbRaw,
}

/// <summary>A node of a test DAG as built: one instance in the tree (the same CID may occur several times).</summary>
/// <param name="Cid">The node's CID.</param>
/// <param name="Start">The file offset of its first content byte.</param>
/// <param name="Length">Its content size.</param>
/// <param name="Children">Its children, in link order.</param>
internal sealed record TreeNode(Cid Cid, long Start, long Length, IReadOnlyList<TreeNode> Children)
{
    /// <summary>Every instance in the tree, depth first.</summary>
    public IEnumerable<TreeNode> All() => Children.SelectMany(c => c.All()).Prepend(this);

    /// <summary>
    /// The blocks a reader must fetch to read [<paramref name="offset"/>, +<paramref name="length"/>): the root (fetched
    /// when the file is opened) and every non-empty node whose content overlaps the range, once per instance; for an
    /// empty range, the root only.
    /// </summary>
    public IEnumerable<Cid> Needed(long offset, long length) =>
        length == 0 ? [Cid] : Children.SelectMany(c => c.NeededBelow(offset, offset + length)).Prepend(Cid);

    private IEnumerable<Cid> NeededBelow(long from, long to) =>
        Length > 0 && Start < to && Start + Length > from
            ? Children.SelectMany(c => c.NeededBelow(from, to)).Prepend(Cid)
            : [];
}

/// <summary>
/// A test-only UnixFS DAG builder over <see cref="DagPbCodec"/> and <see cref="UnixFsCodec"/>, independent of the
/// importer: hand-made nodes (including invalid ones), balanced trees and random shapes.
/// </summary>
internal sealed class TestDag
{
    public MemoryBlockStore Store { get; } = new();

    public Cid Put(Multicodec codec, byte[] bytes, int version = 1)
    {
        var block = Block.Create(bytes, codec, version);
        Store.PutAsync(block).AsTask().GetAwaiter().GetResult();
        return block.Cid;
    }

    public Cid PutUnixFs(UnixFsData data, IReadOnlyList<DagPbLink>? links = null, int version = 0) =>
        Put(Multicodec.DagPb, DagPbCodec.Encode(new DagPbNode(links ?? [], UnixFsCodec.Encode(data))), version);

    public Cid RawLeaf(ReadOnlySpan<byte> bytes) => Put(Multicodec.Raw, bytes.ToArray());

    public Cid Leaf(ReadOnlyMemory<byte> bytes, LeafFormat format, int version = 0) => format switch
    {
        LeafFormat.Raw => RawLeaf(bytes.Span),
        _ => PutUnixFs(
            new UnixFsData
            {
                Type = format == LeafFormat.DagPbRaw ? UnixFsType.Raw : UnixFsType.File,
                Data = bytes.IsEmpty ? null : bytes,
                FileSize = (ulong)bytes.Length,
            },
            version: version),
    };

    /// <summary>A File node: <paramref name="inline"/> bytes, then the children. Sizes and filesize are right unless given.</summary>
    public Cid FileNode(ReadOnlyMemory<byte> inline, IReadOnlyList<(Cid Cid, ulong Size)> children, ulong? fileSize = null, IReadOnlyList<ulong>? blockSizes = null, int version = 0, string? linkName = "")
    {
        var sizes = blockSizes ?? children.Select(c => c.Size).ToArray();
        var data = new UnixFsData
        {
            Type = UnixFsType.File,
            Data = inline.IsEmpty ? null : inline,
            FileSize = fileSize ?? (ulong)inline.Length + (ulong)children.Sum(c => (long)c.Size),
            BlockSizes = sizes,
        };
        return PutUnixFs(data, children.Select(c => new DagPbLink(c.Cid, linkName, c.Size + 14)).ToArray(), version);
    }

    public Cid Directory(params (string Name, Cid Cid)[] entries) =>
        PutUnixFs(new UnixFsData { Type = UnixFsType.Directory }, entries.Select(e => new DagPbLink(e.Cid, e.Name, 100)).ToArray());

    /// <summary>A HAMT shard whose links are named exactly as given (prefix included).</summary>
    public Cid Shard(ulong? fanout, IEnumerable<(string Name, Cid Cid)> links, ulong? hashType = 0x22) =>
        PutUnixFs(
            new UnixFsData { Type = UnixFsType.HamtShard, Data = new byte[] { 0xFF }, Fanout = fanout, HashType = hashType },
            links.Select(l => new DagPbLink(l.Cid, l.Name, 50)).ToArray(),
            version: 1);

    public Cid Symlink(string target) =>
        PutUnixFs(new UnixFsData { Type = UnixFsType.Symlink, Data = System.Text.Encoding.UTF8.GetBytes(target) });

    /// <summary>A balanced tree: fixed chunks, up to <paramref name="fanout"/> links a node; one chunk is its own root.</summary>
    public TreeNode Balanced(byte[] data, int chunkSize, int fanout, LeafFormat leaves)
    {
        var level = new List<TreeNode>();
        for (var at = 0; at < data.Length || level.Count == 0; at += chunkSize)
        {
            var length = Math.Min(chunkSize, data.Length - at);
            level.Add(new TreeNode(Leaf(data.AsMemory(at, length), leaves), at, length, []));
        }

        while (level.Count > 1)
        {
            level = level.Chunk(fanout).Select(Parent).ToList();
        }

        return level[0];
    }

    /// <summary>
    /// A random tree over <paramref name="data"/>: random depth, fanout 1 to <paramref name="maxFanout"/>, internal
    /// nodes with and without their own Data bytes, empty children, every leaf format, CIDv0 and CIDv1 nodes.
    /// </summary>
    public TreeNode RandomShape(byte[] data, int seed, int maxChunk, int maxFanout) =>
        RandomNode(data, 0, data.Length, 0, new Random(seed), maxChunk, maxFanout);

    private TreeNode Parent(TreeNode[] children)
    {
        var cid = FileNode(default, children.Select(c => (c.Cid, (ulong)c.Length)).ToArray());
        return new TreeNode(cid, children[0].Start, children.Sum(c => c.Length), children);
    }

    private TreeNode RandomNode(byte[] data, int start, int length, int depth, Random random, int maxChunk, int maxFanout)
    {
        var version = random.Next(2);
        if ((length <= maxChunk && (depth >= 4 || random.Next(3) == 0)) || depth >= 6)
        {
            var format = (LeafFormat)random.Next(3);
            return new TreeNode(Leaf(data.AsMemory(start, length), format, version), start, length, []);
        }

        var inline = random.Next(2) == 0 ? 0 : random.Next(0, Math.Min(length, maxChunk) + 1);
        var count = random.Next(1, maxFanout + 1);
        var cuts = Enumerable.Range(0, count - 1).Select(_ => random.Next(start + inline, start + length + 1)).Order().ToArray();
        var bounds = cuts.Prepend(start + inline).Append(start + length).ToArray();
        var children = new List<TreeNode>();
        for (var i = 0; i < count; i++)
        {
            children.Add(RandomNode(data, bounds[i], bounds[i + 1] - bounds[i], depth + 1, random, maxChunk, maxFanout));
        }

        var cid = FileNode(data.AsMemory(start, inline), children.Select(c => (c.Cid, (ulong)c.Length)).ToArray(), version: version);
        return new TreeNode(cid, start, length, children);
    }
}
