using System.Security.Cryptography;
using IpfsKit.Sqlite.Internal;

namespace IpfsKit.Transports.Embedded.Internal;

/// <summary>The embedded node's 32-byte identity seed, kept in the <c>meta</c> table of its database.</summary>
internal static class NodeIdentitySeed
{
    private const string SeedKey = "identity-seed";

    /// <summary>Gets the seed, generating and storing it on first use.</summary>
    public static Task<byte[]> GetOrCreateAsync(SqliteStore database, CancellationToken cancellationToken) =>
        database.RunAsync("the node's identity cannot be read or written", async ct =>
        {
            using (var read = database.Command("SELECT value FROM meta WHERE key = $key"))
            {
                read.Parameters.AddWithValue("$key", SeedKey);
                if (await read.ExecuteScalarAsync(ct).ConfigureAwait(false) is byte[] stored)
                {
                    return stored;
                }
            }

            var seed = RandomNumberGenerator.GetBytes(32);
            using var write = database.Command("INSERT INTO meta (key, value) VALUES ($key, $value)");
            write.Parameters.AddWithValue("$key", SeedKey);
            write.Parameters.AddWithValue("$value", seed);
            await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return seed;
        }, cancellationToken);
}
