using IpfsKit.Content;
using IpfsKit.Storage.Internal;

namespace IpfsKit.Storage;

/// <content>Opening, and the steps that change the index and the folder together under the lock.</content>
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
        Prepare(new BlockPaths(System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path))));
    }

    private static DiskBlockTier Open(DiskBlockTierOptions options, CancellationToken cancellationToken)
    {
        var root = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(options.Path));
        var paths = new BlockPaths(root);
        Prepare(paths);
        var tier = new DiskBlockTier(paths, options.Capacity, options.Fsync);
        try
        {
            var scanner = new BlockFolderScanner(paths);
            scanner.SweepTemp();
            cancellationToken.ThrowIfCancellationRequested();
            var (blocks, pins) = scanner.Scan();
            cancellationToken.ThrowIfCancellationRequested();
            tier.Load(blocks, pins);
        }
        catch (Exception ex) when (StorageErrors.IsIoFailure(ex))
        {
            throw StorageErrors.Storage(root, "the folder cannot be read", ex);
        }

        return tier;
    }

    /// <summary>Creates the folder and its sub-folders and proves it writable with a probe file.</summary>
    private static void Prepare(BlockPaths paths)
    {
        var root = paths.Root;
        try
        {
            Directory.CreateDirectory(root);
        }
        catch (Exception ex) when (StorageErrors.IsIoFailure(ex))
        {
            throw new IpfsKitStorageException(root, "the folder cannot be created", ex);
        }

        try
        {
            Directory.CreateDirectory(paths.Blocks);
            Directory.CreateDirectory(paths.Temp);
            var probe = paths.NewTempFile();
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new IpfsKitStorageException(root, "the folder is read-only", ex);
        }
        catch (IOException ex)
        {
            throw StorageErrors.Storage(root, "the folder is not writable", ex);
        }
    }

    private void Load(List<ScannedBlock> blocks, List<Cid> pins)
    {
        lock (_lock)
        {
            foreach (var cid in pins)
            {
                _index.Pin(cid);
            }

            // Oldest write first, so the least recently written is the first evicted.
            foreach (var block in blocks)
            {
                _index.Add(block.Cid, block.Length);
                _counters.Added(block.Length);
            }

            EvictUntilRoomFor(0);
        }
    }

    private LruEntry? Find(Cid cid)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_index.TryGet(cid, out var entry))
            {
                return null;
            }

            _index.Touch(entry);
            return entry;
        }
    }

    /// <summary>Touches a present block (returns true), or checks a new one can fit beside the pinned blocks.</summary>
    private bool TouchOrCheckRoom(Cid cid, long size)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_index.TryGet(cid, out var entry))
            {
                _index.Touch(entry);
                return true;
            }

            ThrowIfNoRoom(size);
            return false;
        }
    }

    /// <summary>Makes room by evicting, then renames the written temp file into place and indexes the block.</summary>
    private void Commit(Cid cid, long size, string temp)
    {
        var name = BlockPaths.NameOf(cid);
        var path = _paths.DataFileOf(name);
        lock (_lock)
        {
            try
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (_index.TryGet(cid, out var present))
                {
                    // A concurrent put of the same block won; the bytes are the same.
                    _index.Touch(present);
                    BlockFiles.DeleteQuietly(temp);
                    return;
                }

                ThrowIfNoRoom(size);
                EvictUntilRoomFor(size);
                Directory.CreateDirectory(_paths.FolderOf(name));
                File.Move(temp, path, overwrite: true);
            }
            catch (Exception ex)
            {
                BlockFiles.DeleteQuietly(temp);
                if (StorageErrors.IsIoFailure(ex))
                {
                    throw StorageErrors.Storage(path, "the block file cannot be stored", ex);
                }

                throw;
            }

            _index.Add(cid, size);
            _counters.Added(size);
        }
    }

    private void ThrowIfNoRoom(long size)
    {
        var room = Capacity - _index.PinnedBytes;
        if (size > room)
        {
            throw StorageErrors.Capacity(_paths.Root, size, room);
        }
    }

    /// <summary>Evicts least recently used unpinned blocks until <paramref name="size"/> more bytes fit in the budget.</summary>
    private void EvictUntilRoomFor(long size)
    {
        while (_index.UsedBytes + size > Capacity && _index.Oldest is { } victim)
        {
            BlockFiles.Delete(_paths.DataFile(victim.Cid));
            _index.Remove(victim);
            _counters.Evicted(victim.Length);
        }
    }

    /// <summary>Drops a block found bad on read, unless it was removed or replaced meanwhile (then the read is a plain miss).</summary>
    private void Discard(LruEntry entry, string path, string reason, bool corrupt)
    {
        lock (_lock)
        {
            if (_disposed || !_index.IsCurrent(entry))
            {
                return;
            }

            // A bad file that cannot be deleted is still dropped from the index: it is never served, and the next open re-checks it on read.
            BlockFiles.DeleteQuietly(path);
            _index.Remove(entry);
            _counters.Removed(entry.Length);
            if (corrupt)
            {
                _counters.Corrupt();
            }
        }

        BlockDiscarded?.Invoke(this, new DiscardedBlockEventArgs(entry.Cid, path, reason));
    }

    private static void DeleteFile(string path, string what)
    {
        try
        {
            BlockFiles.Delete(path);
        }
        catch (Exception ex) when (StorageErrors.IsIoFailure(ex))
        {
            throw StorageErrors.Storage(path, what, ex);
        }
    }
}
