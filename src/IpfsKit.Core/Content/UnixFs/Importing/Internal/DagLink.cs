namespace IpfsKit.Content.UnixFs.Importing.Internal;

/// <summary>A finished node as its parent sees it.</summary>
/// <param name="Cid">The node's CID.</param>
/// <param name="ContentSize">The file bytes under it (the parent's blocksize entry).</param>
/// <param name="Tsize">Its cumulative DAG size (the parent's link Tsize).</param>
internal readonly record struct DagLink(Cid Cid, ulong ContentSize, ulong Tsize);
