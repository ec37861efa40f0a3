namespace IpfsKit.Content.UnixFs.Importing.Internal;

/// <summary>Writes a directory as a plain UnixFS directory, or as a HAMT shard when it is over the sharding threshold.</summary>
internal static class DirectoryBuilder
{
    public static ValueTask<DagLink> CommitAsync(IReadOnlyList<KeyValuePair<string, DagLink>> entries, ImportOptions options, BlockSink sink, CancellationToken cancellationToken) =>
        DirectoryNode.CommitAsync(entries, sink, cancellationToken);
}
