using System.Text;

namespace IpfsKit.Content.UnixFs.Importing.Internal;

/// <summary>Writes a directory as a plain UnixFS directory, or as a HAMT shard when its estimated size is over the threshold.</summary>
internal static class DirectoryBuilder
{
    public static ValueTask<DagLink> CommitAsync(IReadOnlyList<KeyValuePair<string, DagLink>> entries, ImportOptions options, BlockSink sink, CancellationToken cancellationToken) =>
        NeedsSharding(entries, options)
            ? HamtShard.CommitAsync(entries, options.HamtFanout, sink, cancellationToken)
            : DirectoryNode.CommitAsync(entries, sink, cancellationToken);

    /// <summary>Kubo's rule: shard once the estimated size exceeds the threshold.</summary>
    public static bool NeedsSharding(IReadOnlyList<KeyValuePair<string, DagLink>> entries, ImportOptions options)
    {
        if (options.HamtShardingThreshold == 0)
        {
            return false;
        }

        return EstimateSize(entries, options.HamtSizeEstimation) > options.HamtShardingThreshold;
    }

    public static long EstimateSize(IReadOnlyList<KeyValuePair<string, DagLink>> entries, HamtSizeEstimation estimation)
    {
        if (estimation == HamtSizeEstimation.Block)
        {
            return DirectoryNode.EncodedLength(entries);
        }

        long size = 0;
        foreach (var entry in entries)
        {
            size += Encoding.UTF8.GetByteCount(entry.Key) + entry.Value.Cid.ByteLength;
        }

        return size;
    }
}
