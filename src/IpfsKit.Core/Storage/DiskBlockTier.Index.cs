using IpfsKit.Content;
using IpfsKit.Storage.Internal;

namespace IpfsKit.Storage;

/// <content>The steps that change the index (<see cref="BlockIndex{TValue}"/>, <see cref="LruEviction{TValue}"/>) and the folder together under the lock.</content>
public sealed partial class DiskBlockTier
{
    /// <summary>Finds a block and counts it as just used, without the lock (see <see cref="BlockIndex{TValue}.TryRead"/>).</summary>
    private LruNode<ValueTuple>? Find(Cid cid)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);
        return _index.TryRead(cid, out var node) ? node : null;
    }

    /// <summary>Touches a present block (returns true), or checks a new one can fit beside the pinned blocks.</summary>
    private bool TouchOrCheckRoom(Cid cid, long size)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_index.TryGet(cid, out var node))
            {
                _index.Touch(node);
                return true;
            }

            ThrowIfNoRoom(size);
            return false;
        }
    }

    /// <summary>Makes room by evicting, then renames the written temp file into place and indexes the block.</summary>
    private void Commit(Cid cid, long size, string temp)
    {
        var path = _paths.DataFile(cid);
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
                _eviction.MakeRoomFor(size, _deleteVictim);
                BlockFiles.Publish(temp, path);
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

            _index.Add(cid, size, default);
            _counters.Added(size);
        }
    }

    private void ThrowIfNoRoom(long size)
    {
        if (size > _eviction.Room)
        {
            throw StorageErrors.Capacity(_paths.Root, size, _eviction.Room);
        }
    }

    /// <summary>Evicts least recently used unpinned blocks until <paramref name="size"/> more bytes fit in the budget.</summary>
    /// <exception cref="IOException">A victim's file cannot be deleted; it stays indexed.</exception>
    private void EvictUntilRoomFor(long size) => _eviction.MakeRoomFor(size, _deleteVictim);

    /// <summary>Drops a block found bad on read, unless it was removed or replaced meanwhile (then the read is a plain miss).</summary>
    private void Discard(LruNode<ValueTuple> node, string path, string reason, bool corrupt)
    {
        lock (_lock)
        {
            if (_disposed || !_index.IsCurrent(node))
            {
                return;
            }

            // A bad file that cannot be deleted is still dropped from the index: it is never served, and the next open re-checks it on read.
            BlockFiles.DeleteQuietly(path);
            _eviction.Remove(node);
            if (corrupt)
            {
                _counters.Corrupt();
            }
        }

        BlockDiscarded?.Invoke(this, new DiscardedBlockEventArgs(node.Cid, path, reason));
    }
}
