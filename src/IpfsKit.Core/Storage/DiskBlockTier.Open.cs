using IpfsKit.Errors;
using IpfsKit.Storage.Internal;

namespace IpfsKit.Storage;

/// <content>Opening: the folder is prepared and scanned (<see cref="BlockFolderScanner"/>) and the index rebuilt from what it holds.</content>
public sealed partial class DiskBlockTier
{
    /// <summary>
    /// Checks, without opening the tier, that <paramref name="path"/> can hold one: creates the folder and its
    /// sub-folders when missing and writes and deletes a probe file. Hosts call it at start so a bad path fails there,
    /// not at the first read or write.
    /// </summary>
    /// <param name="path">The tier's folder.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or only white space.</exception>
    /// <exception cref="IpfsKitStorageException">The folder cannot be created or written (a file is in the way, read-only, …); its message names the folder.</exception>
    public static void CheckFolder(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        BlockFolderScanner.Prepare(new BlockPaths(System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path))));
    }

    private static DiskBlockTier Open(DiskBlockTierOptions options, CancellationToken cancellationToken)
    {
        var root = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(options.Path));
        var paths = new BlockPaths(root);
        BlockFolderScanner.Prepare(paths);
        try
        {
            var scanner = new BlockFolderScanner(paths);
            scanner.SweepTemp();
            cancellationToken.ThrowIfCancellationRequested();
            var (blocks, pins) = scanner.Scan();
            cancellationToken.ThrowIfCancellationRequested();
            var tier = new DiskBlockTier(paths, options.Capacity, options.Fsync, blocks.Count);
            lock (tier._lock)
            {
                foreach (var cid in pins)
                {
                    tier._index.Pin(cid);
                }

                // Oldest write first, so the least recently written is the first evicted.
                foreach (var block in blocks)
                {
                    tier._index.Add(block.Cid, block.Length, default);
                    tier._counters.Added(block.Length);
                }

                tier.EvictUntilRoomFor(0);
            }

            return tier;
        }
        catch (Exception ex) when (StorageErrors.IsIoFailure(ex))
        {
            throw StorageErrors.Storage(root, "the folder cannot be read", ex);
        }
    }
}
