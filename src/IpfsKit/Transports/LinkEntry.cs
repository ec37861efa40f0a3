using IpfsKit.Content;

namespace IpfsKit.Transports;

/// <summary>One entry of a directory listing.</summary>
/// <param name="Name">The entry's name (empty for the chunks of a file).</param>
/// <param name="Cid">The entry's CID.</param>
/// <param name="Size">The entry's size as the node reports it (the cumulative DAG size of the link), if known.</param>
/// <param name="Kind">What the entry is, if known.</param>
public readonly record struct LinkEntry(string Name, Cid Cid, ulong? Size, LinkKind Kind);
