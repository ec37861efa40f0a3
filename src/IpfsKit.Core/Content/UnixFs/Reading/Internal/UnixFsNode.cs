using IpfsKit.Blocks;
using IpfsKit.Content.DagPb;
using IpfsKit.Errors;

namespace IpfsKit.Content.UnixFs.Reading.Internal;

/// <summary>
/// A fetched, decoded and checked UnixFS node: a raw block, or dag-pb with its UnixFS message. Loading checks what can be
/// checked from the node alone (codec, dag-pb, UnixFS, the sister lists of a file and its filesize, HAMT parameters);
/// what needs a child (its real size) is checked by the reader when it loads the child.
/// </summary>
/// <remarks>Immutable and thread-safe once loaded.</remarks>
internal sealed class UnixFsNode
{
    /// <summary>The hash function of every UnixFS HAMT: murmur3-x64-64.</summary>
    public const ulong HamtHashType = (ulong)Multicodec.Murmur3X64;

    /// <summary>The widest HAMT the UnixFS spec allows (a guard against huge bucket arrays).</summary>
    public const int MaxHamtFanout = 1024;

    private static readonly long[] NoChildren = [];

    /// <summary>For a file node: where child i's content ends, counted from the start of this node's content.</summary>
    private readonly long[] _childEnds;

    private UnixFsNode(Cid cid, int blockSize, UnixFsNodeKind kind, IReadOnlyList<DagPbLink> links, UnixFsData? unixFs, ReadOnlyMemory<byte> inlineData, long contentSize, long[] childEnds)
    {
        Cid = cid;
        BlockSize = blockSize;
        Kind = kind;
        Links = links;
        UnixFs = unixFs;
        InlineData = inlineData;
        ContentSize = contentSize;
        _childEnds = childEnds;
    }

    public Cid Cid { get; }

    /// <summary>Gets the size of the node's own block (the digest length for an identity CID).</summary>
    public int BlockSize { get; }

    public UnixFsNodeKind Kind { get; }

    public IReadOnlyList<DagPbLink> Links { get; }

    /// <summary>Gets the UnixFS message, or <see langword="null"/> for a raw block.</summary>
    public UnixFsData? UnixFs { get; }

    /// <summary>Gets the file bytes held by the node itself (all of a raw block, the UnixFS Data of a file node), else empty.</summary>
    public ReadOnlyMemory<byte> InlineData { get; }

    /// <summary>Gets the content bytes under the node: checked file size, symlink target length, 0 for directories.</summary>
    public long ContentSize { get; }

    public bool IsFile => Kind is UnixFsNodeKind.File or UnixFsNodeKind.RawBlock;

    /// <summary>Gets the fanout of a HAMT shard (checked: a power of two from 8 to 1024), else 0.</summary>
    public int Fanout => Kind == UnixFsNodeKind.ShardedDirectory ? (int)UnixFs!.Fanout!.Value : 0;

    /// <summary>Fetches (or, for an identity CID, unpacks) and decodes a node.</summary>
    /// <exception cref="IpfsKitBlockNotFoundException">The source does not have the block.</exception>
    /// <exception cref="IpfsKitFormatException">The block is not a valid UnixFS node.</exception>
    public static async ValueTask<UnixFsNode> LoadAsync(IBlockSource source, Cid cid, CancellationToken cancellationToken)
    {
        if (cid.HashCode == Multicodec.Identity)
        {
            // The digest of an identity multihash is the block itself: nothing to fetch.
            cancellationToken.ThrowIfCancellationRequested();
            return Decode(cid, cid.Hash.Digest);
        }

        var block = await source.GetRequiredAsync(cid, cancellationToken).ConfigureAwait(false);
        if (block.Cid.Hash != cid.Hash)
        {
            throw new IpfsKitIntegrityException(cid, $"the block source returned block {block.Cid} instead");
        }

        return Decode(cid, block.Data);
    }

    /// <summary>Decodes and checks a node from its block bytes.</summary>
    public static UnixFsNode Decode(Cid cid, ReadOnlyMemory<byte> block)
    {
        if (cid.Codec == Multicodec.Raw)
        {
            return new UnixFsNode(cid, block.Length, UnixFsNodeKind.RawBlock, [], null, block, block.Length, NoChildren);
        }

        if (cid.Codec != Multicodec.DagPb)
        {
            throw UnixFsErrors.Format($"{cid} has codec {MulticodecNames.GetName(cid.Codec)}; a UnixFS node is dag-pb (0x70) or raw (0x55)");
        }

        DagPbNode node;
        try
        {
            node = DagPbCodec.Decode(block);
        }
        catch (IpfsKitFormatException ex)
        {
            throw UnixFsErrors.Format($"{cid} is not valid dag-pb: {ex.Reason}", ex.Offset, ex);
        }

        if (node.Data is not { } dataField)
        {
            throw UnixFsErrors.Format($"{cid} is a dag-pb node without Data, so it holds no UnixFS message");
        }

        UnixFsData data;
        try
        {
            data = UnixFsCodec.Decode(dataField);
        }
        catch (IpfsKitFormatException ex)
        {
            throw UnixFsErrors.Format($"{cid} has a malformed UnixFS message: {ex.Reason}", null, ex);
        }

        return data.Type switch
        {
            UnixFsType.File or UnixFsType.Raw => DecodeFile(cid, block.Length, node, data),
            UnixFsType.Directory => new UnixFsNode(cid, block.Length, UnixFsNodeKind.Directory, node.Links, data, default, 0, NoChildren),
            UnixFsType.HamtShard => DecodeShard(cid, block.Length, node, data),
            UnixFsType.Symlink => DecodeSymlink(cid, block.Length, node, data),
            _ => new UnixFsNode(cid, block.Length, UnixFsNodeKind.Metadata, node.Links, data, default, 0, NoChildren),
        };
    }

    /// <summary>Gets where child <paramref name="index"/>'s content starts, counted from the start of this node's content.</summary>
    public long ChildStart(int index) => index == 0 ? InlineData.Length : _childEnds[index - 1];

    /// <summary>Gets the content size of child <paramref name="index"/>, as this node records it (its blocksize).</summary>
    public long ChildSize(int index) => _childEnds[index] - ChildStart(index);

    /// <summary>Finds the child whose content holds <paramref name="offset"/> (past the inline data, before the end).</summary>
    /// <returns>The index of the first child whose range ends after the offset; children of size 0 are never chosen.</returns>
    public int FindChild(long offset)
    {
        var index = Array.BinarySearch(_childEnds, offset);

        // An exact hit is a child ending at the offset: the one wanted is the first that ends later.
        index = index >= 0 ? index + 1 : ~index;
        while (index < _childEnds.Length && _childEnds[index] <= offset)
        {
            index++;
        }

        return index < _childEnds.Length
            ? index
            : throw UnixFsErrors.Format($"{Cid} ends before offset {offset} that its filesize promises");
    }

    /// <summary>Gets the node's block size plus the Tsize of every link, or <see langword="null"/> when a link has none.</summary>
    public ulong? CumulativeSize()
    {
        var total = (ulong)BlockSize;
        foreach (var link in Links)
        {
            if (link.Tsize is not { } tsize || tsize > ulong.MaxValue - total)
            {
                return null;
            }

            total += tsize;
        }

        return total;
    }

    private static UnixFsNode DecodeFile(Cid cid, int blockSize, DagPbNode node, UnixFsData data)
    {
        if (data.BlockSizes.Count != node.Links.Count)
        {
            throw UnixFsErrors.Format($"file {cid} has {node.Links.Count} links but {data.BlockSizes.Count} blocksizes");
        }

        var inline = data.Data ?? ReadOnlyMemory<byte>.Empty;
        var ends = node.Links.Count == 0 ? NoChildren : new long[node.Links.Count];
        var sum = (ulong)inline.Length;
        for (var i = 0; i < ends.Length; i++)
        {
            if (!string.IsNullOrEmpty(node.Links[i].Name))
            {
                throw UnixFsErrors.Format($"file {cid} has a link named {UnixFsErrors.Quote(node.Links[i].Name)}; the parts of a file have no names");
            }

            var size = data.BlockSizes[i];
            if (size > long.MaxValue - sum)
            {
                throw UnixFsErrors.Format($"file {cid} has blocksizes that add up to more than {long.MaxValue} bytes");
            }

            sum += size;
            ends[i] = (long)sum;
        }

        // filesize is optional on the wire; when present it must agree with what the node holds.
        if (data.FileSize is { } fileSize && fileSize != sum)
        {
            throw UnixFsErrors.Format(
                $"file {cid} has filesize {fileSize}, but its {inline.Length} data bytes and {ends.Length} blocksizes add up to {sum}");
        }

        return new UnixFsNode(cid, blockSize, UnixFsNodeKind.File, node.Links, data, inline, (long)sum, ends);
    }

    private static UnixFsNode DecodeShard(Cid cid, int blockSize, DagPbNode node, UnixFsData data)
    {
        if (data.Fanout is not { } fanout || fanout is < 8 or > MaxHamtFanout || (fanout & (fanout - 1)) != 0)
        {
            var shown = data.Fanout?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "missing";
            throw UnixFsErrors.Format($"HAMT shard {cid} has fanout {shown}; it must be a power of two from 8 to {MaxHamtFanout}");
        }

        if (data.HashType != HamtHashType)
        {
            var shown = data.HashType is { } h ? $"0x{h:x}" : "missing";
            throw UnixFsErrors.Format($"HAMT shard {cid} has hashType {shown}; only murmur3-x64-64 (0x22) is supported");
        }

        return new UnixFsNode(cid, blockSize, UnixFsNodeKind.ShardedDirectory, node.Links, data, default, 0, NoChildren);
    }

    private static UnixFsNode DecodeSymlink(Cid cid, int blockSize, DagPbNode node, UnixFsData data)
    {
        if (node.Links.Count != 0)
        {
            throw UnixFsErrors.Format($"symlink {cid} has {node.Links.Count} links; a symlink has none");
        }

        return new UnixFsNode(cid, blockSize, UnixFsNodeKind.Symlink, node.Links, data, default, data.Data?.Length ?? 0, NoChildren);
    }
}
