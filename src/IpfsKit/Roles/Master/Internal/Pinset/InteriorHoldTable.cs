using IpfsKit.Content;
using IpfsKit.Sqlite.Internal;

namespace IpfsKit.Roles.Master.Internal.Pinset;

/// <summary>
/// The interior holds (table <c>interior_holds</c>): the interior nodes the master keeps of each pin whose leaves it
/// dropped once placed. A node shared by two pins is held while either pin is; a pin with rows here has been dropped, so
/// a restart never spools it again.
/// </summary>
internal sealed class InteriorHoldTable(SqliteStore store)
{
    /// <summary>Records the interior nodes kept of a pin whose leaves the master drops.</summary>
    public Task RecordAsync(Cid root, IEnumerable<Cid> blocks, CancellationToken cancellationToken) =>
        store.InTransactionAsync("the interior holds cannot be written", async (transaction, ct) =>
        {
            foreach (var block in blocks)
            {
                using var write = store.Command("INSERT OR IGNORE INTO interior_holds (root, block) VALUES ($root, $block)", transaction);
                write.Parameters.AddWithValue("$root", PinKey.Of(root));
                write.Parameters.AddWithValue("$block", block.ToString());
                await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken);

    /// <summary>Forgets the interior holds of a pin; returns the blocks no other pin's holds name.</summary>
    public Task<IReadOnlyList<Cid>> ReleaseAsync(Cid root, CancellationToken cancellationToken) =>
        store.InTransactionAsync<IReadOnlyList<Cid>>("the interior holds cannot be written", async (transaction, ct) =>
        {
            using var delete = store.Command("DELETE FROM interior_holds WHERE root = $root RETURNING block", transaction);
            delete.Parameters.AddWithValue("$root", PinKey.Of(root));
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
                using var held = store.Command("SELECT 1 FROM interior_holds WHERE block = $block LIMIT 1", transaction);
                held.Parameters.AddWithValue("$block", block);
                if (await held.ExecuteScalarAsync(ct).ConfigureAwait(false) is null)
                {
                    free.Add(Cid.Parse(block));
                }
            }

            return free;
        }, cancellationToken);
}
