using IpfsKit.Blocks;
using IpfsKit.Content.DagPb;

namespace IpfsKit.Content.UnixFs.Reading;

/// <summary>A fetched and decoded node: a raw block, or dag-pb with its UnixFS data. Internal to the reader.</summary>
internal sealed class UnixFsNode
{
    private UnixFsNode(Cid cid, int blockSize, DagPbNode? dagPb, UnixFsData? unixFs, ReadOnlyMemory<byte> raw)
    {
        Cid = cid;
        BlockSize = blockSize;
        DagPb = dagPb;
        UnixFs = unixFs;
        Raw = raw;
    }

    public Cid Cid { get; }

    public int BlockSize { get; }

    public DagPbNode? DagPb { get; }

    public UnixFsData? UnixFs { get; }

    /// <summary>The bytes of a raw block.</summary>
    public ReadOnlyMemory<byte> Raw { get; }

    public bool IsRaw => DagPb is null;

    public IReadOnlyList<DagPbLink> Links => DagPb?.Links ?? [];

    public UnixFsNodeKind Kind => IsRaw ? UnixFsNodeKind.File : UnixFs!.Type switch
    {
        UnixFsType.File or UnixFsType.Raw => UnixFsNodeKind.File,
        UnixFsType.Directory => UnixFsNodeKind.Directory,
        UnixFsType.HamtShard => UnixFsNodeKind.ShardedDirectory,
        UnixFsType.Symlink => UnixFsNodeKind.Symlink,
        _ => UnixFsNodeKind.Metadata,
    };

    /// <summary>The file bytes held in this node itself (raw bytes, or the UnixFS Data of a file node).</summary>
    public ReadOnlyMemory<byte> InlineData => IsRaw ? Raw : UnixFs!.Data ?? ReadOnlyMemory<byte>.Empty;

    /// <summary>The file bytes under this node: raw length, or the checked filesize of a file node.</summary>
    public ulong ContentSize { get; private set; }

    public static async ValueTask<UnixFsNode> LoadAsync(IBlockSource source, Cid cid, CancellationToken cancellationToken)
    {
        ReadOnlyMemory<byte> bytes;
        if (cid.HashCode == Multicodec.Identity)
        {
            bytes = cid.Hash.Digest;
        }
        else
        {
            bytes = (await source.GetRequiredAsync(cid, cancellationToken).ConfigureAwait(false)).Data;
        }

        if (cid.Codec == Multicodec.Raw)
        {
            return new UnixFsNode(cid, bytes.Length, null, null, bytes) { ContentSize = (ulong)bytes.Length };
        }

        if (cid.Codec != Multicodec.DagPb)
        {
            throw new IpfsKitFormatException("UnixFS", $"{cid} has codec {MulticodecNames.GetName(cid.Codec)}; UnixFS is dag-pb or raw");
        }

        var node = DagPbCodec.Decode(bytes);
        var data = node.Data is { } d
            ? UnixFsCodec.Decode(d)
            : throw new IpfsKitFormatException("UnixFS", $"{cid} is a dag-pb node without UnixFS data");
        var result = new UnixFsNode(cid, bytes.Length, node, data, default);
        if (result.Kind == UnixFsNodeKind.File)
        {
            result.ContentSize = CheckFileSizes(cid, node, data);
        }
        else if (data.Type == UnixFsType.Symlink)
        {
            result.ContentSize = (ulong)(data.Data?.Length ?? 0);
        }

        return result;
    }

    private static ulong CheckFileSizes(Cid cid, DagPbNode node, UnixFsData data)
    {
        if (data.BlockSizes.Count != node.Links.Count)
        {
            throw new IpfsKitFormatException("UnixFS", $"{cid} has {node.Links.Count} links but {data.BlockSizes.Count} blocksizes");
        }

        var sum = (ulong)(data.Data?.Length ?? 0);
        foreach (var size in data.BlockSizes)
        {
            sum = size <= ulong.MaxValue - sum
                ? sum + size
                : throw new IpfsKitFormatException("UnixFS", $"{cid} has blocksizes that overflow 64 bits");
        }

        if (data.FileSize is { } fileSize && fileSize != sum)
        {
            throw new IpfsKitFormatException("UnixFS", $"{cid} says filesize {fileSize} but its data and blocksizes add up to {sum}");
        }

        return sum;
    }
}
