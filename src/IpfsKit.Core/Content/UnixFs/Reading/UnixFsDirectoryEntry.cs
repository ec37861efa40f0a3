namespace IpfsKit.Content.UnixFs.Reading;

/// <summary>An entry of a UnixFS directory.</summary>
/// <param name="Name">The entry's name.</param>
/// <param name="Cid">The entry's CID.</param>
/// <param name="Tsize">The cumulative size of the entry's DAG as recorded in the link, when present.</param>
public readonly record struct UnixFsDirectoryEntry(string Name, Cid Cid, ulong? Tsize);
