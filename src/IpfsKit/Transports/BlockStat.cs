using IpfsKit.Content;

namespace IpfsKit.Transports;

/// <summary>A block's CID and size.</summary>
/// <param name="Cid">The block's CID.</param>
/// <param name="Size">The block's size in bytes.</param>
public readonly record struct BlockStat(Cid Cid, long Size);
