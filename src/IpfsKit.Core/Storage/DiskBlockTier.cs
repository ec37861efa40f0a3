using System.Runtime.CompilerServices;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Storage.Internal;

namespace IpfsKit.Storage;

/// <summary>
/// The disk tier: one file per block under fan-out folders, written to a temp file, flushed (optionally) and renamed
/// into place, within a byte budget kept by evicting the least recently used unpinned blocks.
/// </summary>
/// <remarks>
/// <para>
/// Layout: <c>&lt;Path&gt;/blocks/&lt;XY&gt;/&lt;name&gt;.data</c>, where <c>name</c> is the CID's binary form in
/// lower-case base32 without prefix and <c>XY</c> the two characters before its last one (Kubo flatfs
/// <c>next-to-last/2</c>); a pin is an empty <c>&lt;name&gt;.pin</c> marker beside it; temp files live in
/// <c>&lt;Path&gt;/tmp/</c>. Paths are only ever derived from CIDs.
/// </para>
/// <para>
/// The index is rebuilt by scanning the folder at <see cref="OpenAsync"/>; the least recently used order starts as the
/// order of the files' last write times. A block is re-hashed on every read: a damaged, truncated or vanished file is
/// dropped (see <see cref="BlockDiscarded"/>) and reads as a miss, never as bad bytes. A process crash never loses a
/// block whose <see cref="PutAsync"/> completed; with <see cref="DiskBlockTierOptions.Fsync"/> the data is also on the
/// device before the rename.
/// </para>
/// <para>Thread-safe. One process at a time may open a folder.</para>
/// </remarks>
public sealed partial class DiskBlockTier : IBlockStoreTier, IDisposable
{
    private readonly Lock _lock = new();
    private readonly BlockIndex<ValueTuple> _index;
    private readonly TierCounters _counters = new("disk");
    private readonly LruEviction<ValueTuple> _eviction;
    private readonly Action<LruNode<ValueTuple>> _deleteVictim;
    private readonly Action<LruNode<ValueTuple>> _deleteFile;
    private readonly BlockPaths _paths;
    private readonly BlockFiles _files;
    private bool _disposed;

    private DiskBlockTier(BlockPaths paths, long capacity, bool fsync, int blocks)
    {
        _index = new BlockIndex<ValueTuple>(_lock, Math.Max(blocks, 31));
        _paths = paths;
        _files = new BlockFiles(paths, fsync);
        _eviction = new LruEviction<ValueTuple>(_index, _counters, capacity);
        _deleteVictim = victim => BlockFiles.Delete(_paths.DataFile(victim.Cid));
        _deleteFile = node => BlockFiles.DeleteOrThrow(_paths.DataFile(node.Cid), "the block file cannot be deleted");
    }

    /// <summary>Raised after a stored block was found damaged or missing on read and dropped; raised on the reading thread.</summary>
    public event EventHandler<DiscardedBlockEventArgs>? BlockDiscarded;

    /// <inheritdoc/>
    public string Name => "disk";

    /// <summary>Gets the absolute path of the tier's folder.</summary>
    public string Folder => _paths.Root;

    /// <inheritdoc/>
    public long Capacity => _eviction.Capacity;

    /// <inheritdoc/>
    public long UsedBytes => _index.UsedBytes;

    /// <summary>
    /// Opens the tier in a folder: creates it when missing, checks it is writable, deletes leftover temp files, rebuilds
    /// the index from the block files and pin markers, and evicts the least recently written unpinned blocks when they
    /// exceed the budget (lowered since the last run).
    /// </summary>
    /// <param name="options">The folder, budget and flush policy.</param>
    /// <param name="cancellationToken">Cancels the opening.</param>
    /// <returns>The open tier.</returns>
    /// <exception cref="IpfsKitStorageException">The folder cannot be created, is read-only, or cannot be read.</exception>
    public static Task<DiskBlockTier> OpenAsync(DiskBlockTierOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Path);
        return Task.Run(() => Open(options, cancellationToken), cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>Reads synchronously (a block is small and usually in the page cache): the task is complete when it returns.</remarks>
    public ValueTask<Block?> GetAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Find(cid) is not { } node)
        {
            _counters.Miss();
            return default;
        }

        var read = _files.ReadVerified(cid, node.Size);
        if (read.Block is { } block)
        {
            _counters.Hit();
            return new(block);
        }

        Discard(node, read.Path, read.Reason!, read.Corrupt);
        _counters.Miss();
        return default;
    }

    /// <inheritdoc/>
    public ValueTask<bool> HasAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return new(_index.Contains(cid));
        }
    }

    /// <inheritdoc/>
    /// <exception cref="IpfsKitCapacityException">The block is larger than the budget, or pinned blocks leave no room for it.</exception>
    /// <exception cref="IpfsKitStorageException">The block file cannot be written (disk full, access denied); nothing is left behind.</exception>
    public async ValueTask PutAsync(Block block, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        cancellationToken.ThrowIfCancellationRequested();
        if (TouchOrCheckRoom(block.Cid, block.Size))
        {
            return;
        }

        var temp = _paths.NewTempFile();
        try
        {
            await _files.WriteTempAsync(temp, block.Data, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (StorageErrors.IsIoFailure(ex))
        {
            throw StorageErrors.Storage(temp, "the block file cannot be written", ex);
        }

        Commit(block.Cid, block.Size, temp);
    }

    /// <inheritdoc/>
    /// <remarks>Writes the lent bytes to the block's file within the call and keeps no reference to them: no copy.</remarks>
    public ValueTask PutLentAsync(Block block, CancellationToken cancellationToken = default) => PutAsync(block, cancellationToken);

    /// <inheritdoc/>
    /// <exception cref="IpfsKitStorageException">A file of the block cannot be deleted.</exception>
    public ValueTask<bool> DeleteAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var name = BlockPaths.NameOf(cid);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_index.IsPinned(cid))
            {
                BlockFiles.DeleteOrThrow(_paths.PinFileOf(name), "the pin marker cannot be deleted");
                _index.Unpin(cid);
            }

            return new(_eviction.Delete(cid, unpinnedOnly: false, _deleteFile) is not null);
        }
    }

    /// <inheritdoc/>
    /// <exception cref="IpfsKitStorageException">The block file cannot be deleted.</exception>
    public ValueTask<long> DeleteUnpinnedAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return new(_eviction.Delete(cid, unpinnedOnly: true, _deleteFile) ?? 0L);
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<Cid> EnumerateAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Cid[] keys;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            keys = _index.Keys();
        }

        foreach (var cid in keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return cid;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <exception cref="IpfsKitStorageException">The pin marker cannot be written.</exception>
    public async ValueTask<bool> PinAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var name = BlockPaths.NameOf(cid);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_index.IsPinned(cid))
            {
                return _index.Contains(cid);
            }
        }

        var temp = _paths.NewTempFile();
        try
        {
            await _files.WriteTempAsync(temp, ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
            lock (_lock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (!_index.IsPinned(cid))
                {
                    BlockFiles.Publish(temp, _paths.PinFileOf(name));
                    _index.Pin(cid);
                }

                return _index.Contains(cid);
            }
        }
        catch (Exception ex) when (StorageErrors.IsIoFailure(ex))
        {
            throw StorageErrors.Storage(_paths.PinFileOf(name), "the pin marker cannot be written", ex);
        }
        finally
        {
            BlockFiles.DeleteQuietly(temp);
        }
    }

    /// <inheritdoc/>
    /// <exception cref="IpfsKitStorageException">The pin marker, or a block file evicted to get back within the budget, cannot be deleted.</exception>
    public ValueTask<bool> UnpinAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var name = BlockPaths.NameOf(cid);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_index.IsPinned(cid))
            {
                return new(false);
            }

            BlockFiles.DeleteOrThrow(_paths.PinFileOf(name), "the pin marker cannot be deleted");
            _index.Unpin(cid);
            try
            {
                EvictUntilRoomFor(0);
            }
            catch (Exception ex) when (StorageErrors.IsIoFailure(ex))
            {
                throw StorageErrors.Storage(_paths.Root, "a block file cannot be evicted", ex);
            }

            return new(true);
        }
    }

    /// <inheritdoc/>
    public bool IsPinned(Cid cid)
    {
        lock (_lock)
        {
            return _index.IsPinned(cid);
        }
    }

    /// <inheritdoc/>
    public BlockStoreStatistics GetStatistics() => _counters.Snapshot(Capacity);

    /// <summary>Closes the tier; its files stay for the next <see cref="OpenAsync"/>. Later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (!_disposed)
            {
                _disposed = true;
                _counters.Released();
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"disk tier at {_paths.Root}";
}
