using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Storage.Internal;

namespace IpfsKit.Storage;

/// <summary>
/// The block store of a node: a memory tier in front of a disk tier, in front of an optional next source (later, a
/// transport to other nodes). Reads go through the tiers in that order and promote what they find; writes go to both
/// tiers.
/// </summary>
/// <remarks>
/// <para>
/// The disk tier is the store of record when there is one: a <see cref="PutAsync"/> completes once the block is on
/// disk, and its errors (<see cref="IpfsKitStorageException"/>, <see cref="IpfsKitCapacityException"/>) surface. The
/// memory tier is a cache: a block it cannot take is simply not cached. Without a disk tier the memory tier is the
/// store and its capacity errors surface.
/// </para>
/// <para>
/// Blocks from the next source are verified against their CID before they are kept or returned. Thread-safe.
/// </para>
/// <para>
/// Identity CIDs (<c>bafkq…</c>: the multihash is the data itself) are answered from the CID, as Kubo does: every
/// read finds them, with the digest as the block's bytes, and a put stores nothing.
/// </para>
/// </remarks>
public sealed class TieredBlockStore : IBlockStore, IDisposable
{
    private readonly bool _ownsTiers;

    /// <summary>Creates a store over tiers made elsewhere; disposing this store does not dispose them.</summary>
    /// <param name="memory">The memory tier, or <see langword="null"/> for none.</param>
    /// <param name="disk">The disk tier, or <see langword="null"/> for none.</param>
    /// <param name="next">Where to read blocks neither tier has, or <see langword="null"/> for nowhere.</param>
    /// <exception cref="ArgumentException">Both tiers are <see langword="null"/>.</exception>
    public TieredBlockStore(IBlockStoreTier? memory, IBlockStoreTier? disk, IBlockSource? next = null)
        : this(memory, disk, next, ownsTiers: false)
    {
    }

    private TieredBlockStore(IBlockStoreTier? memory, IBlockStoreTier? disk, IBlockSource? next, bool ownsTiers)
    {
        if (memory is null && disk is null)
        {
            throw new ArgumentException("A tiered store needs a memory tier, a disk tier or both.", nameof(memory));
        }

        Memory = memory;
        Disk = disk;
        Next = next;
        Local = new LocalTiers(this);
        _ownsTiers = ownsTiers;
    }

    /// <summary>Gets the memory tier, if any.</summary>
    public IBlockStoreTier? Memory { get; }

    /// <summary>Gets the disk tier, if any.</summary>
    public IBlockStoreTier? Disk { get; }

    /// <summary>Gets the source of blocks that neither tier has, if any.</summary>
    public IBlockSource? Next { get; }

    /// <summary>
    /// Gets a source that reads this store's own tiers only (memory, then disk), never <see cref="Next"/>: what the node
    /// holds itself (for example, to answer "only if cached" or to count what a pin already has). It promotes nothing.
    /// </summary>
    public IBlockSource Local { get; }

    /// <summary>
    /// Gets or sets whether a block read from <see cref="Next"/> is also kept in the disk tier (evictable), or only
    /// cached in the memory tier. A master that reads the leaves it dropped from its workers turns it off, so that a read
    /// does not fill its disk again. Set it before the store is shared.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool KeepsFetchedOnDisk { get; set; } = true;

    /// <summary>
    /// Opens the store the options describe: a memory tier unless <see cref="StorageOptions.MaxMemory"/> is zero, a disk
    /// tier at <see cref="StorageOptions.Path"/> unless it is unset or <see cref="StorageOptions.MaxStorage"/> is zero.
    /// </summary>
    /// <param name="options">The options.</param>
    /// <param name="next">Where to read blocks neither tier has. <value>The default value is <see langword="null"/>.</value></param>
    /// <param name="cancellationToken">Cancels opening (the disk tier scans its folder).</param>
    /// <returns>The store; dispose it to release the tiers.</returns>
    /// <exception cref="ArgumentException">The options are invalid, or they disable both tiers.</exception>
    /// <exception cref="IpfsKitStorageException">The disk tier's folder cannot be created or written.</exception>
    public static async Task<TieredBlockStore> OpenAsync(StorageOptions options, IBlockSource? next = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var memory = options.MaxMemory.Bytes > 0 ? new MemoryBlockTier(options.MaxMemory) : null;
        DiskBlockTier? disk = null;
        if (options.Path is not null && options.MaxStorage.Bytes > 0)
        {
            disk = await DiskBlockTier.OpenAsync(
                new DiskBlockTierOptions { Path = options.Path, Capacity = options.MaxStorage, Fsync = options.Fsync },
                cancellationToken).ConfigureAwait(false);
        }

        if (memory is null && disk is null)
        {
            throw new ArgumentException(
                "StorageOptions disable both tiers: set MaxMemory above zero, or Path and MaxStorage above zero.", nameof(options));
        }

        return new TieredBlockStore(memory, disk, next, ownsTiers: true);
    }

    /// <inheritdoc/>
    /// <exception cref="IpfsKitIntegrityException">The next source returned bytes that do not match the CID.</exception>
    public ValueTask<Block?> GetAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        if (cid.HashCode == Multicodec.Identity)
        {
            return new(Block.CreateVerified(cid, cid.Hash.Digest));
        }

        if (Memory is null)
        {
            return GetBelowMemoryAsync(cid, cancellationToken);
        }

        // A memory hit completes synchronously and allocates nothing.
        var hit = Memory.GetAsync(cid, cancellationToken);
        if (!hit.IsCompletedSuccessfully)
        {
            return GetAfterMemoryAsync(hit.AsTask(), cid, cancellationToken);
        }

        return hit.Result is { } block ? new(block) : GetBelowMemoryAsync(cid, cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask<bool> HasAsync(Cid cid, CancellationToken cancellationToken = default) =>
        cid.HashCode == Multicodec.Identity
        || (Memory is not null && await Memory.HasAsync(cid, cancellationToken).ConfigureAwait(false))
        || (Disk is not null && await Disk.HasAsync(cid, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    /// <exception cref="IpfsKitStorageException">The disk tier cannot write the block.</exception>
    /// <exception cref="IpfsKitCapacityException">The store of record (disk, or memory without disk) has no room for it.</exception>
    public async ValueTask PutAsync(Block block, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.Cid.HashCode == Multicodec.Identity)
        {
            return; // its CID carries it
        }

        if (Disk is not null)
        {
            await Disk.PutAsync(block, cancellationToken).ConfigureAwait(false);
            await CacheAsync(block, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await Memory!.PutAsync(block, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    /// <remarks>The disk tier writes the lent bytes as they are; only the memory tier, which keeps them, gets a copy.</remarks>
    /// <exception cref="IpfsKitStorageException">The disk tier cannot write the block.</exception>
    /// <exception cref="IpfsKitCapacityException">The store of record (disk, or memory without disk) has no room for it.</exception>
    public async ValueTask PutLentAsync(Block block, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.Cid.HashCode == Multicodec.Identity)
        {
            return; // its CID carries it
        }

        if (Disk is null)
        {
            await Memory!.PutLentAsync(block, cancellationToken).ConfigureAwait(false);
            return;
        }

        await Disk.PutLentAsync(block, cancellationToken).ConfigureAwait(false);
        if (Memory is not null)
        {
            await CacheAsync(Block.CopyOf(block), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<bool> DeleteAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        var inMemory = Memory is not null && await Memory.DeleteAsync(cid, cancellationToken).ConfigureAwait(false);
        var onDisk = Disk is not null && await Disk.DeleteAsync(cid, cancellationToken).ConfigureAwait(false);
        return inMemory || onDisk;
    }

    /// <inheritdoc/>
    /// <remarks>Lists the store of record: the disk tier when there is one, else the memory tier.</remarks>
    public IAsyncEnumerable<Cid> EnumerateAsync(CancellationToken cancellationToken = default) =>
        (Disk ?? Memory!).EnumerateAsync(cancellationToken);

    /// <summary>Marks a block as never to be evicted, in every tier.</summary>
    /// <param name="cid">The block's CID.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether the block is present in a tier now.</returns>
    public async ValueTask<bool> PinAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        var inMemory = Memory is not null && await Memory.PinAsync(cid, cancellationToken).ConfigureAwait(false);
        var onDisk = Disk is not null && await Disk.PinAsync(cid, cancellationToken).ConfigureAwait(false);
        return inMemory || onDisk;
    }

    /// <summary>Removes the never-evict mark of a block in every tier.</summary>
    /// <param name="cid">The block's CID.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether a tier had it pinned.</returns>
    public async ValueTask<bool> UnpinAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        var inMemory = Memory is not null && await Memory.UnpinAsync(cid, cancellationToken).ConfigureAwait(false);
        var onDisk = Disk is not null && await Disk.UnpinAsync(cid, cancellationToken).ConfigureAwait(false);
        return inMemory || onDisk;
    }

    /// <summary>Gets each tier's counters, memory first.</summary>
    /// <returns>One snapshot a tier.</returns>
    public IReadOnlyList<BlockStoreStatistics> GetStatistics()
    {
        var list = new List<BlockStoreStatistics>(2);
        if (Memory is not null)
        {
            list.Add(Memory.GetStatistics());
        }

        if (Disk is not null)
        {
            list.Add(Disk.GetStatistics());
        }

        return list;
    }

    /// <summary>Disposes the tiers this store opened (<see cref="OpenAsync"/>); tiers passed in are left alone.</summary>
    public void Dispose()
    {
        if (_ownsTiers)
        {
            (Memory as IDisposable)?.Dispose();
            (Disk as IDisposable)?.Dispose();
        }
    }

    private async ValueTask<Block?> GetAfterMemoryAsync(Task<Block?> memoryRead, Cid cid, CancellationToken cancellationToken) =>
        await memoryRead.ConfigureAwait(false) ?? await GetBelowMemoryAsync(cid, cancellationToken).ConfigureAwait(false);

    private async ValueTask<Block?> GetBelowMemoryAsync(Cid cid, CancellationToken cancellationToken)
    {
        if (Disk is not null && await Disk.GetAsync(cid, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            await CacheAsync(stored, cancellationToken).ConfigureAwait(false);
            return stored;
        }

        if (Next is null || await Next.GetAsync(cid, cancellationToken).ConfigureAwait(false) is not { } fetched)
        {
            return null;
        }

        // A block from elsewhere is checked before it is kept or returned, whatever the source promises.
        var block = Block.CreateVerified(cid, fetched.Data);
        if (Disk is not null && KeepsFetchedOnDisk)
        {
            await KeepAsync(Disk, block, cancellationToken).ConfigureAwait(false);
        }

        await CacheAsync(block, cancellationToken).ConfigureAwait(false);
        return block;
    }

    private ValueTask CacheAsync(Block block, CancellationToken cancellationToken)
    {
        switch (Memory)
        {
            case null:
                return default;
            case MemoryBlockTier memory:
                // The common case: no exception when pinned blocks leave no room, just not cached.
                memory.TryPut(block);
                return default;
            default:
                return block.Size > Memory.Capacity ? default : KeepAsync(Memory, block, cancellationToken);
        }
    }

    /// <summary>Keeps a copy in a tier if it has room; a tier full of pinned blocks just does not keep it.</summary>
    private static async ValueTask KeepAsync(IBlockStoreTier tier, Block block, CancellationToken cancellationToken)
    {
        try
        {
            await tier.PutAsync(block, cancellationToken).ConfigureAwait(false);
        }
        catch (IpfsKitCapacityException)
        {
            // Pinned blocks fill the tier: the block stays where it came from.
        }
    }
}
