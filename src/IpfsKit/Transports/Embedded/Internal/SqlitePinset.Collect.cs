using System.Runtime.CompilerServices;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Storage;

namespace IpfsKit.Transports.Embedded.Internal;

/// <content>
/// Garbage collection: every stored block that no pin holds (<c>refs</c>, the one truth) and that is not marked in the
/// store of record (an add in progress holds its blocks with that mark) is deleted.
/// </content>
/// <remarks>
/// The collection runs under the database gate, so no pin is added or removed meanwhile: a pin's DAG walk and its marks
/// never race it. A hold is not taken under the gate; it marks a block before the block is written, and each deletion
/// checks the mark and deletes in one step inside the tier (<see cref="IBlockStoreTier.DeleteUnpinnedAsync"/>), so a held
/// block is never collected.
/// </remarks>
internal sealed partial class SqlitePinset
{
    /// <summary>Deletes the blocks nothing holds, store of record first, then the memory cache; yields each as it goes.</summary>
    /// <exception cref="IpfsKitStorageException">A block file cannot be deleted; what was collected before stays collected.</exception>
    public async IAsyncEnumerable<(Cid Cid, long Bytes)> CollectAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var entered = await database.EnterAsync(cancellationToken).ConfigureAwait(false);
        var held = (await database.MappedAsync("the pinset cannot be read", ct => ReadCidsAsync("SELECT cid FROM refs", null, null, ct), cancellationToken)
            .ConfigureAwait(false)).ToHashSet();
        await foreach (var cid in Keeper.EnumerateAsync(cancellationToken).ConfigureAwait(false))
        {
            if (held.Contains(cid))
            {
                continue;
            }

            var freed = await Keeper.DeleteUnpinnedAsync(cid, cancellationToken).ConfigureAwait(false);
            if (freed == 0)
            {
                continue; // held by an add in progress, or gone meanwhile
            }

            if (blocks.Disk is not null && blocks.Memory is { } cache)
            {
                await cache.DeleteUnpinnedAsync(cid, cancellationToken).ConfigureAwait(false);
            }

            yield return (cid, freed);
        }

        if (blocks.Disk is null || blocks.Memory is not { } memory)
        {
            yield break;
        }

        // Cache copies of blocks the disk no longer has (a collection of another store, a crash): garbage too.
        await foreach (var cid in memory.EnumerateAsync(cancellationToken).ConfigureAwait(false))
        {
            if (held.Contains(cid) || Keeper.IsPinned(cid) || await Keeper.HasAsync(cid, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            if (await memory.DeleteUnpinnedAsync(cid, cancellationToken).ConfigureAwait(false) is > 0 and var freed)
            {
                yield return (cid, freed);
            }
        }
    }
}
