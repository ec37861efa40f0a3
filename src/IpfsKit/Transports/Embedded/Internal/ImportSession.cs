using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Storage;

namespace IpfsKit.Transports.Embedded.Internal;

/// <summary>
/// The store an add imports through: every block it writes is held (never evicted) until the session ends, and the
/// session remembers which blocks were new to the store. Ending without <see cref="Complete"/> (a failed, cut or
/// cancelled add) releases the holds and deletes the new blocks that no pin and no other add holds; ending after it
/// only releases the holds (the add's pins keep what they need).
/// </summary>
/// <remarks>Thread-safe: the importer writes leaves in parallel.</remarks>
internal sealed class ImportSession(SqlitePinset pins, TieredBlockStore blocks) : IBlockStore, IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly HashSet<Cid> _held = [];
    private readonly HashSet<Cid> _written = [];
    private bool _completed;
    private int _disposed;

    private IBlockStoreTier Record => blocks.Disk ?? blocks.Memory!;

    public ValueTask<Block?> GetAsync(Cid cid, CancellationToken cancellationToken = default) => blocks.GetAsync(cid, cancellationToken);

    public ValueTask<bool> HasAsync(Cid cid, CancellationToken cancellationToken = default) => blocks.HasAsync(cid, cancellationToken);

    public ValueTask<bool> DeleteAsync(Cid cid, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("An import session only adds blocks.");

    public IAsyncEnumerable<Cid> EnumerateAsync(CancellationToken cancellationToken = default) => blocks.EnumerateAsync(cancellationToken);

    /// <summary>Holds the block (the first time this session sees it), then stores it.</summary>
    /// <exception cref="IpfsKitCapacityException">Pinned and held blocks leave no room for it.</exception>
    public async ValueTask PutAsync(Block block, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        bool first;
        lock (_lock)
        {
            first = _held.Add(block.Cid);
        }

        if (!first)
        {
            await blocks.PutAsync(block, cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            await pins.HoldAsync(block.Cid, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            lock (_lock)
            {
                _held.Remove(block.Cid);
            }

            throw;
        }

        var existed = await Record.HasAsync(block.Cid, cancellationToken).ConfigureAwait(false);
        await blocks.PutAsync(block, cancellationToken).ConfigureAwait(false);
        if (!existed)
        {
            lock (_lock)
            {
                _written.Add(block.Cid);
            }
        }
    }

    /// <summary>
    /// Stops holding blocks the add no longer keeps here (its master placed them on workers while it ran) and deletes
    /// those that no pin and no other add holds.
    /// </summary>
    public async Task DropAsync(IReadOnlyCollection<Cid> dropped)
    {
        ArgumentNullException.ThrowIfNull(dropped);
        var release = new HashSet<Cid>();
        lock (_lock)
        {
            foreach (var cid in dropped)
            {
                if (_held.Remove(cid))
                {
                    _written.Remove(cid);
                    release.Add(cid);
                }
            }
        }

        await pins.ReleaseAsync(release, release).ConfigureAwait(false);
    }

    /// <summary>Marks the add as succeeded: ending the session then keeps the blocks (releasing only the holds).</summary>
    public void Complete() => _completed = true;

    /// <summary>Ends the session: releases the holds, and unless <see cref="Complete"/> was called deletes the blocks it newly wrote.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Cid[] held;
        HashSet<Cid> delete;
        lock (_lock)
        {
            held = [.. _held];
            delete = _completed ? [] : [.. _written];
        }

        await pins.ReleaseAsync(held, delete).ConfigureAwait(false);
    }
}
