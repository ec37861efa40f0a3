using IpfsKit.Content;

namespace IpfsKit.Roles.Master;

/// <content>
/// The interior holds: the interior nodes the master keeps of each pin whose leaves it dropped once placed. A node
/// shared by two pins (a file and a directory holding it) is held while either pin is; a pin with rows here has been
/// dropped, so a restart never spools it again.
/// </content>
public sealed partial class MasterPinset
{
    /// <summary>Records the interior nodes the master keeps of a pin whose leaves it drops.</summary>
    /// <param name="root">The pin's root.</param>
    /// <param name="blocks">The interior nodes kept (the root among them).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the rows are written.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be written.</exception>
    public Task RecordInteriorAsync(Cid root, IEnumerable<Cid> blocks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        return RunAsync("the interior holds cannot be written", async ct =>
        {
            using var transaction = _db.Connection.BeginTransaction(deferred: false);
            foreach (var block in blocks)
            {
                using var write = _db.Command("INSERT OR IGNORE INTO interior_holds (root, block) VALUES ($root, $block)", transaction);
                write.Parameters.AddWithValue("$root", Key(root));
                write.Parameters.AddWithValue("$block", block.ToString());
                await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            transaction.Commit();
            return true;
        }, cancellationToken);
    }

    /// <summary>Forgets the interior holds of a pin.</summary>
    /// <param name="root">The pin's root.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The blocks no other pin's interior holds name: the master may stop keeping them.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be written.</exception>
    public Task<IReadOnlyList<Cid>> ReleaseInteriorAsync(Cid root, CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyList<Cid>>("the interior holds cannot be written", async ct =>
        {
            using var transaction = _db.Connection.BeginTransaction(deferred: false);
            using var delete = _db.Command("DELETE FROM interior_holds WHERE root = $root RETURNING block", transaction);
            delete.Parameters.AddWithValue("$root", Key(root));
            var released = new List<string>();
            using (var reader = await delete.ExecuteReaderAsync(ct).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    released.Add(reader.GetString(0));
                }
            }

            var free = new List<Cid>();
            foreach (var block in released)
            {
                using var held = _db.Command("SELECT 1 FROM interior_holds WHERE block = $block LIMIT 1", transaction);
                held.Parameters.AddWithValue("$block", block);
                if (await held.ExecuteScalarAsync(ct).ConfigureAwait(false) is null)
                {
                    free.Add(Cid.Parse(block));
                }
            }

            transaction.Commit();
            return free;
        }, cancellationToken);
}
