using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Sqlite.Internal;
using IpfsKit.Storage;
using Microsoft.Data.Sqlite;

namespace IpfsKit.Transports.Embedded.Internal;

/// <summary>
/// The embedded node's pinset, durable in SQLite: the pins (<c>pins</c>), the blocks each recursive pin holds
/// (<c>pin_blocks</c>, recorded by one DAG walk at pin time) and how many pins hold each block (<c>refs</c>). A block is
/// marked never-evict in the store of record (the disk tier, else the memory tier) while its count is above zero,
/// or while an add in progress holds it (<see cref="HoldAsync"/>, counted in memory only).
/// </summary>
/// <remarks>
/// Pin changes run one at a time. Each is one transaction: a pin whose DAG is incomplete records nothing. Marks are set
/// before the transaction commits and taken back if it fails, so a committed pin never has an evictable block; an unpin
/// removes them after it commits. The marks are a cache of <c>refs</c>: what a crash leaves between the two is
/// reconciled by <see cref="ReconcileMarksAsync"/> at the next open.
/// </remarks>
internal sealed partial class SqlitePinset(SqliteStore database, TieredBlockStore blocks)
{
    private IBlockStoreTier Keeper => blocks.Disk ?? blocks.Memory!;

    /// <summary>
    /// Makes the marks of the store of record agree with <c>refs</c>, the one source of truth; run once at open. A mark
    /// no pin holds is removed (a crash between a mark and its rolled-back transaction, or between an unpin's commit and
    /// its unmark, leaves one) and the tier evicts down to its budget; a held block without a mark gets one (memory-tier
    /// marks do not survive a restart).
    /// </summary>
    public async Task ReconcileMarksAsync(CancellationToken cancellationToken)
    {
        HashSet<Cid> held = [.. await database.RunAsync(
            "the pinset cannot be read", ct => ReadCidsAsync("SELECT cid FROM refs", null, null, ct), cancellationToken).ConfigureAwait(false)];

        var stale = new List<Cid>();
        await foreach (var cid in Keeper.EnumeratePinsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!held.Remove(cid))
            {
                stale.Add(cid);
            }
        }

        await UnmarkAsync(stale).ConfigureAwait(false);
        foreach (var cid in held)
        {
            await Keeper.PinAsync(cid, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Pins a DAG (every block must be local) or one local block.</summary>
    /// <exception cref="IpfsKitBlockNotFoundException">A block is missing; nothing is recorded.</exception>
    public Task PinAsync(Cid cid, PinMode mode, CancellationToken cancellationToken) =>
        database.RunAsync("the pin cannot be written", ct => PinAloneAsync(cid, mode, ct), cancellationToken);

    /// <summary>Removes a pin: <see cref="PinMode.Recursive"/> removes the recursive pin, or the direct one when that is all there is (as Kubo).</summary>
    /// <exception cref="IpfsKitNotPinnedException">No such pin.</exception>
    public Task UnpinAsync(Cid cid, PinMode mode, CancellationToken cancellationToken) =>
        database.RunAsync("the pin cannot be removed", ct => UnpinAloneAsync(cid, mode, ct), cancellationToken);

    /// <summary>Lists pins of one mode, or recursive and direct pins when <paramref name="mode"/> is null.</summary>
    public Task<IReadOnlyList<PinEntry>> ListAsync(PinMode? mode, CancellationToken cancellationToken) =>
        database.RunAsync("the pinset cannot be read", ct => ListAloneAsync(mode, ct), cancellationToken);

    private async Task PinAloneAsync(Cid cid, PinMode mode, CancellationToken cancellationToken)
    {
        if (await HasPinAsync(cid, PinMode.Recursive, null, cancellationToken).ConfigureAwait(false)
            || (mode == PinMode.Direct && await HasPinAsync(cid, PinMode.Direct, null, cancellationToken).ConfigureAwait(false)))
        {
            return; // Already held at least as strongly.
        }

        List<Cid> dag;
        if (mode == PinMode.Recursive)
        {
            // Identity CIDs carry their bytes inline: not stored, so not held.
            dag = [];
            await foreach (var held in DagWalker.ListAsync(blocks, cid, new DagWalkOptions { SkipIdentityBlocks = true }, cancellationToken).ConfigureAwait(false))
            {
                dag.Add(held);
            }
        }
        else if (cid.HashCode == Multicodec.Identity)
        {
            dag = []; // its CID carries it: nothing to hold
        }
        else if (await blocks.HasAsync(cid, cancellationToken).ConfigureAwait(false))
        {
            dag = [cid];
        }
        else
        {
            throw new IpfsKitBlockNotFoundException(cid);
        }

        var newlyHeld = new List<Cid>();
        var replacesDirect = false;
        using var transaction = database.Connection.BeginTransaction();
        try
        {
            if (mode == PinMode.Recursive && await HasPinAsync(cid, PinMode.Direct, transaction, cancellationToken).ConfigureAwait(false))
            {
                replacesDirect = true;
                // As Kubo: a recursive pin replaces a direct pin of the same root.
                await RemovePinAsync(cid, PinMode.Direct, transaction, [], cancellationToken).ConfigureAwait(false);
            }

            await ExecuteAsync("INSERT INTO pins (cid, mode) VALUES ($cid, $mode)", transaction, cid, mode, null, cancellationToken).ConfigureAwait(false);
            foreach (var block in dag)
            {
                if (mode == PinMode.Recursive)
                {
                    await ExecuteAsync("INSERT INTO pin_blocks (root, block) VALUES ($cid, $block)", transaction, cid, null, block, cancellationToken).ConfigureAwait(false);
                }

                if (await IncrementAsync(block, transaction, cancellationToken).ConfigureAwait(false) == 1)
                {
                    newlyHeld.Add(block);
                    await MarkAsync(block, cancellationToken).ConfigureAwait(false);
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            // The rolled-back direct pin of the root still holds it.
            await UnmarkAsync(replacesDirect ? newlyHeld.FindAll(b => b != cid) : newlyHeld).ConfigureAwait(false);
            throw;
        }
    }

    private async Task UnpinAloneAsync(Cid cid, PinMode mode, CancellationToken cancellationToken)
    {
        var recursive = await HasPinAsync(cid, PinMode.Recursive, null, cancellationToken).ConfigureAwait(false);
        var direct = await HasPinAsync(cid, PinMode.Direct, null, cancellationToken).ConfigureAwait(false);
        var target = (mode, recursive, direct) switch
        {
            (PinMode.Recursive, true, _) => PinMode.Recursive,
            (_, _, true) => PinMode.Direct,
            (PinMode.Direct, true, false) => throw new IpfsKitNotPinnedException(cid, "pinned recursively, not directly"),
            _ => throw new IpfsKitNotPinnedException(cid, "not pinned or pinned indirectly"),
        };

        var released = new List<Cid>();
        using (var transaction = database.Connection.BeginTransaction())
        {
            await RemovePinAsync(cid, target, transaction, released, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        await UnmarkAsync(released).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<PinEntry>> ListAloneAsync(PinMode? mode, CancellationToken cancellationToken)
    {
        var result = new List<PinEntry>();
        PinMode[] modes = mode is { } one ? [one] : [PinMode.Recursive, PinMode.Direct];
        foreach (var wanted in modes)
        {
            var sql = wanted == PinMode.Indirect
                ? "SELECT DISTINCT block FROM pin_blocks WHERE block NOT IN (SELECT cid FROM pins)"
                : $"SELECT cid FROM pins WHERE mode = {(int)wanted}";
            foreach (var cid in await ReadCidsAsync(sql, null, null, cancellationToken).ConfigureAwait(false))
            {
                result.Add(new PinEntry(cid, wanted));
            }
        }

        return result;
    }

    private async Task RemovePinAsync(Cid cid, PinMode mode, SqliteTransaction transaction, List<Cid> released, CancellationToken cancellationToken)
    {
        var held = mode == PinMode.Recursive
            ? await ReadCidsAsync("SELECT block FROM pin_blocks WHERE root = $cid", transaction, cid, cancellationToken).ConfigureAwait(false)
            : [cid];
        foreach (var block in held)
        {
            if (await DecrementAsync(block, transaction, cancellationToken).ConfigureAwait(false) == 0)
            {
                released.Add(block);
            }
        }

        if (mode == PinMode.Recursive)
        {
            await ExecuteAsync("DELETE FROM pin_blocks WHERE root = $cid", transaction, cid, null, null, cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync("DELETE FROM pins WHERE cid = $cid AND mode = $mode", transaction, cid, mode, null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<long> IncrementAsync(Cid block, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        using var command = database.Command(
            "INSERT INTO refs (cid, count) VALUES ($cid, 1) ON CONFLICT (cid) DO UPDATE SET count = count + 1 RETURNING count", transaction);
        command.Parameters.AddWithValue("$cid", block.ToBytes());
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private async Task<long> DecrementAsync(Cid block, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        // The last reference deletes the row (count > 0 always holds); any other is a decrement.
        using (var delete = database.Command("DELETE FROM refs WHERE cid = $cid AND count = 1 RETURNING 0", transaction))
        {
            delete.Parameters.AddWithValue("$cid", block.ToBytes());
            if (await delete.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null)
            {
                return 0;
            }
        }

        using var update = database.Command("UPDATE refs SET count = count - 1 WHERE cid = $cid RETURNING count", transaction);
        update.Parameters.AddWithValue("$cid", block.ToBytes());
        return await update.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long? ?? 0;
    }

    private async Task<bool> HasPinAsync(Cid cid, PinMode mode, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        using var command = database.Command("SELECT 1 FROM pins WHERE cid = $cid AND mode = $mode", transaction);
        command.Parameters.AddWithValue("$cid", cid.ToBytes());
        command.Parameters.AddWithValue("$mode", (int)mode);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    private async Task ExecuteAsync(string sql, SqliteTransaction transaction, Cid cid, PinMode? mode, Cid? block, CancellationToken cancellationToken)
    {
        using var command = database.Command(sql, transaction);
        command.Parameters.AddWithValue("$cid", cid.ToBytes());
        if (mode is { } m)
        {
            command.Parameters.AddWithValue("$mode", (int)m);
        }

        if (block is { } b)
        {
            command.Parameters.AddWithValue("$block", b.ToBytes());
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<Cid>> ReadCidsAsync(string sql, SqliteTransaction? transaction, Cid? cid, CancellationToken cancellationToken)
    {
        using var command = database.Command(sql, transaction);
        if (cid is { } c)
        {
            command.Parameters.AddWithValue("$cid", c.ToBytes());
        }

        var result = new List<Cid>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                result.Add(Cid.FromBytes((byte[])reader[0]));
            }
        }

        return result;
    }

    /// <summary>
    /// Marks a block never-evict and makes sure the store of record has it: it may have been evicted since the walk saw
    /// it, or be left only in the memory cache. A marked block that arrives is kept.
    /// </summary>
    private async Task MarkAsync(Cid cid, CancellationToken cancellationToken)
    {
        if (await Keeper.PinAsync(cid, cancellationToken).ConfigureAwait(false) || cid.HashCode == Multicodec.Identity)
        {
            return;
        }

        var copy = await blocks.GetAsync(cid, cancellationToken).ConfigureAwait(false) ?? throw new IpfsKitBlockNotFoundException(cid);
        await Keeper.PutAsync(copy, cancellationToken).ConfigureAwait(false);
    }

    private async Task UnmarkAsync(List<Cid> cids)
    {
        // Never cancelled half-way: a block whose last pin is gone must become evictable (unless an add holds it).
        foreach (var cid in cids)
        {
            await UnmarkUnlessHeldAsync(cid).ConfigureAwait(false);
        }
    }
}
