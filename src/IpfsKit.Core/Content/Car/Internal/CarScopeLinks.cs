using IpfsKit.Blocks;
using IpfsKit.Content.DagPb;
using IpfsKit.Content.UnixFs;
using IpfsKit.Content.UnixFs.Reading.Internal;
using IpfsKit.Errors;

namespace IpfsKit.Content.Car.Internal;

/// <summary>
/// The links of a block that a scoped export follows (<see cref="CarExportOptions.Scope"/>), each with the content
/// offset where its bytes start (for <see cref="CarExportOptions.EntityBytes"/>).
/// </summary>
internal static class CarScopeLinks
{
    /// <summary>The links to follow, in link order.</summary>
    /// <param name="block">The block just written.</param>
    /// <param name="scope">The scope (<see cref="CarDagScope.Block"/> follows nothing).</param>
    /// <param name="range">The inclusive byte range of a file entity, or <see langword="null"/> for all of it.</param>
    /// <param name="offset">The content offset of the block's first byte within the entity.</param>
    public static List<(Cid Cid, long Offset)> Follow(Block block, CarDagScope scope, (long First, long Last)? range, long offset)
    {
        var follow = new List<(Cid, long)>();
        if (scope == CarDagScope.Block || block.Cid.Codec != Multicodec.DagPb)
        {
            return follow;
        }

        var node = DagPbCodec.Decode(block.Data);
        if (scope == CarDagScope.All)
        {
            follow.AddRange(node.Links.Select(l => (l.Hash, 0L)));
            return follow;
        }

        if (TryUnixFs(node) is not { } unixFs)
        {
            return follow; // not UnixFS: the entity is the block
        }

        switch (unixFs.Type)
        {
            case UnixFsType.File or UnixFsType.Raw:
                var start = offset + (unixFs.Data?.Length ?? 0);
                for (var i = 0; i < node.Links.Count; i++)
                {
                    var size = i < unixFs.BlockSizes.Count ? (long)unixFs.BlockSizes[i] : 0;
                    if (range is not { } r || (start <= r.Last && start + size > r.First))
                    {
                        follow.Add((node.Links[i].Hash, start));
                    }

                    start += size;
                }

                break;
            case UnixFsType.HamtShard when unixFs.Fanout is { } fanout and > 1 and <= 1 << 20:
                // A sub-shard's link name is its bucket prefix alone; longer names are the entries, left out.
                var width = HamtListing.PrefixWidth((int)fanout);
                follow.AddRange(node.Links.Where(l => (l.Name?.Length ?? 0) == width).Select(l => (l.Hash, 0L)));
                break;
        }

        return follow;
    }

    /// <summary>The size of a file entity: a raw block's length or a UnixFS file's filesize; <see langword="null"/> otherwise.</summary>
    public static long? FileLength(Block block)
    {
        if (block.Cid.Codec == Multicodec.Raw)
        {
            return block.Size;
        }

        if (block.Cid.Codec != Multicodec.DagPb || TryUnixFs(DagPbCodec.Decode(block.Data)) is not { Type: UnixFsType.File or UnixFsType.Raw } file)
        {
            return null;
        }

        return (long)(file.FileSize ?? ((ulong)(file.Data?.Length ?? 0) + file.BlockSizes.Aggregate(0UL, (a, b) => a + b)));
    }

    private static UnixFsData? TryUnixFs(DagPbNode node)
    {
        if (node.Data is not { } data)
        {
            return null;
        }

        try
        {
            return UnixFsDecoder.Decode(data);
        }
        catch (IpfsKitFormatException)
        {
            return null;
        }
    }
}
