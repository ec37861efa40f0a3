using IpfsKit.Roles.Leecher;
using Microsoft.Data.Sqlite;

namespace IpfsKit.Tests.Roles;

[Trait("Category", "Roles")]
public sealed class OutboxReceiptLogTests
{
    [Fact]
    public async Task TryApplyAsync_SameKeyTwice_AppliesOnce()
    {
        await using var log = await OutboxReceiptLog.OpenAsync(null);
        var key = Guid.NewGuid();
        var applied = 0;

        Assert.True(await log.TryApplyAsync(key, () => { applied++; return Task.CompletedTask; }));
        Assert.False(await log.TryApplyAsync(key, () => { applied++; return Task.CompletedTask; }));
        Assert.True(await log.TryApplyAsync(Guid.NewGuid(), () => { applied++; return Task.CompletedTask; }));

        Assert.Equal(2, applied);
        Assert.True(await log.ContainsAsync(key));
    }

    [Fact]
    public async Task TryApplyAsync_Transactional_WritesEffectOnceAndSurvivesReopen()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "master.db");
        var key = Guid.NewGuid();
        await using (var log = await OutboxReceiptLog.OpenAsync(path))
        {
            Assert.True(await log.TryApplyAsync(key, IncrementAsync));
            Assert.False(await log.TryApplyAsync(key, IncrementAsync));
        }

        await using (var reopened = await OutboxReceiptLog.OpenAsync(path))
        {
            Assert.False(await reopened.TryApplyAsync(key, IncrementAsync));
            Assert.True(await reopened.ContainsAsync(key));
        }

        Assert.Equal(1L, await ReadCounterAsync(path));
    }

    [Fact]
    public async Task TryApplyAsync_ApplyThrows_RecordsNothingAndRollsBack()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "master.db");
        var key = Guid.NewGuid();
        await using (var log = await OutboxReceiptLog.OpenAsync(path))
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => log.TryApplyAsync(key, async (tx, ct) =>
            {
                await IncrementAsync(tx, ct);
                throw new InvalidOperationException("apply failed");
            }));
            Assert.False(await log.ContainsAsync(key));
            Assert.True(await log.TryApplyAsync(key, IncrementAsync));
        }

        Assert.Equal(1L, await ReadCounterAsync(path));
    }

    private static async Task IncrementAsync(SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);
            INSERT INTO counter (id, n) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = n + 1;
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> ReadCounterAsync(string path)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT n FROM counter WHERE id = 1";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
