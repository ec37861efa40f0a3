using IpfsKit.Content;
using IpfsKit.Errors;

namespace IpfsKit.Transports.Embedded.Internal;

/// <content>
/// Holds: in-memory counts of the adds in progress that need a block. A held block is marked never-evict like a pinned
/// one, so an add's own blocks cannot be evicted before its pin. Holds do not survive a restart (nor need to: the add
/// they served is gone).
/// </content>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The SemaphoreSlim never allocates its wait handle (only WaitAsync is used), so it has nothing to dispose.")]
internal sealed partial class SqlitePinset
{
    private readonly Dictionary<Cid, int> _holds = [];

    /// <summary>Guards <see cref="_holds"/> and every mark change that depends on it; taken after the database gate, never before.</summary>
    private readonly SemaphoreSlim _marks = new(1, 1);

    /// <summary>Holds a block (present or about to be written): it is marked never-evict until <see cref="ReleaseAsync"/>.</summary>
    /// <exception cref="IpfsKitStorageException">The mark cannot be written; nothing is held.</exception>
    public async Task HoldAsync(Cid cid, CancellationToken cancellationToken)
    {
        await _marks.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _holds.TryGetValue(cid, out var count);
            if (count == 0)
            {
                await Keeper.PinAsync(cid, cancellationToken).ConfigureAwait(false);
            }

            _holds[cid] = count + 1;
        }
        finally
        {
            _marks.Release();
        }
    }

    /// <summary>
    /// Releases one hold of each block. A block that no pin and no other add holds becomes evictable, and is deleted when
    /// it is in <paramref name="delete"/> (the blocks a failed add newly wrote). Never cancelled half-way.
    /// </summary>
    public Task ReleaseAsync(IEnumerable<Cid> held, IReadOnlySet<Cid> delete) =>
        database.RunAsync("the holds cannot be released", _ => ReleaseAloneAsync(held, delete), CancellationToken.None);

    /// <summary>Tells whether a pin of this mode exists.</summary>
    public Task<bool> IsPinnedAsync(Cid cid, PinMode mode, CancellationToken cancellationToken) =>
        database.RunAsync("the pinset cannot be read", ct => HasPinAsync(cid, mode, null, ct), cancellationToken);

    private async Task ReleaseAloneAsync(IEnumerable<Cid> held, IReadOnlySet<Cid> delete)
    {
        foreach (var cid in held)
        {
            await _marks.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                if (!_holds.TryGetValue(cid, out var count))
                {
                    continue; // Not held: nothing to release.
                }

                if (count > 1)
                {
                    _holds[cid] = count - 1;
                    continue;
                }

                _holds.Remove(cid);
                if (await IsReferencedAsync(cid).ConfigureAwait(false))
                {
                    continue;
                }

                await Keeper.UnpinAsync(cid, CancellationToken.None).ConfigureAwait(false);
                if (delete.Contains(cid))
                {
                    await blocks.DeleteAsync(cid, CancellationToken.None).ConfigureAwait(false);
                }
            }
            finally
            {
                _marks.Release();
            }
        }
    }

    /// <summary>Removes a block's mark when its last pin is gone, unless an add in progress holds it.</summary>
    private async Task UnmarkUnlessHeldAsync(Cid cid)
    {
        await _marks.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (!_holds.ContainsKey(cid))
            {
                await Keeper.UnpinAsync(cid, CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            _marks.Release();
        }
    }

    private async Task<bool> IsReferencedAsync(Cid cid)
    {
        using var command = database.Command("SELECT 1 FROM refs WHERE cid = $cid");
        command.Parameters.AddWithValue("$cid", cid.ToBytes());
        return await command.ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(false) is not null;
    }
}
