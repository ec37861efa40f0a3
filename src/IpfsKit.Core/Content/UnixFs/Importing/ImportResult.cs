namespace IpfsKit.Content.UnixFs.Importing;

/// <summary>The outcome of an import: the root CID and sizes, as <c>ipfs add</c> reports them.</summary>
/// <param name="Cid">The root CID.</param>
/// <param name="Name">The name of the file or directory (empty for a bare stream).</param>
/// <param name="ContentSize">Bytes of file content under the root.</param>
/// <param name="DagSize">The cumulative size of the DAG (every block's bytes), the <c>Size</c> that <c>ipfs add</c> prints.</param>
public readonly record struct ImportResult(Cid Cid, string Name, ulong ContentSize, ulong DagSize);
