namespace IpfsKit.Content.UnixFs.Reading;

/// <summary>An entry of a UnixFS directory, plain or HAMT-sharded, as its link records it.</summary>
/// <param name="Name">The entry's name (for a sharded directory, without the bucket prefix).</param>
/// <param name="Cid">The entry's CID.</param>
/// <param name="Tsize">
/// The cumulative size of the entry's DAG recorded in the link (blocks with their encoding, not content bytes), or
/// <see langword="null"/> when the link has none. A hint: the UnixFS spec does not require it to be right.
/// </param>
public readonly record struct UnixFsDirectoryEntry(string Name, Cid Cid, ulong? Tsize);
