using IpfsKit.Errors;
using IpfsKit.Sqlite.Internal;

namespace IpfsKit.Tests.Sqlite;

[Trait("Category", "Storage")]
public sealed class SqliteStoreTests : IDisposable
{
    private static readonly SqliteSchema Schema = new("the test database", ["CREATE TABLE items (n INTEGER NOT NULL)"]);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(true, "wal")]
    [InlineData(false, "memory")]
    public async Task OpenAsync_FileOrMemory_AppliesTheSamePragmas(bool file, string journal)
    {
        await using var store = await SqliteStore.OpenAsync(file ? Path.Combine(_folder.Path, "sub", "a.db") : null, Schema, default);

        Assert.Equal(journal, await PragmaAsync(store, "journal_mode"));
        Assert.Equal(2L, await PragmaAsync(store, "synchronous")); // FULL
        Assert.Equal((long)SqlitePragmas.BusyTimeoutMilliseconds, await PragmaAsync(store, "busy_timeout"));
        Assert.Equal(1L, await PragmaAsync(store, "user_version"));
    }

    [Fact]
    public async Task RunAsync_WhileAnotherRuns_WaitsForIt()
    {
        await using var store = await SqliteStore.OpenAsync(null, Schema, default);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = store.RunAsync("first", async _ =>
        {
            entered.SetResult();
            await release.Task;
        }, default);
        await entered.Task;

        var secondStarted = false;
        var second = store.RunAsync("second", _ =>
        {
            secondStarted = true;
            return Task.CompletedTask;
        }, default);

        // Without the gate the second work would have run synchronously inside RunAsync.
        Assert.False(secondStarted);
        release.SetResult();
        await Task.WhenAll(first, second);
        Assert.True(secondStarted);
    }

    [Fact]
    public async Task RunAsync_ManyConcurrentRuns_NeverOverlap()
    {
        await using var store = await SqliteStore.OpenAsync(Path.Combine(_folder.Path, "a.db"), Schema, default);
        var active = 0;
        var most = 0;

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => store.RunAsync("insert", async ct =>
        {
            var now = Interlocked.Increment(ref active);
            InterlockedMax(ref most, now);
            using var insert = store.Command("INSERT INTO items (n) VALUES ($n)");
            insert.Parameters.AddWithValue("$n", i);
            await insert.ExecuteNonQueryAsync(ct);
            Interlocked.Decrement(ref active);
        }, default))));

        Assert.Equal(1, most);
        Assert.Equal(50L, await ScalarAsync(store, "SELECT COUNT(*) FROM items"));
    }

    [Fact]
    public async Task RunAsync_SqliteFails_ThrowsStorageExceptionNamingFileAndFailure()
    {
        var path = Path.Combine(_folder.Path, "a.db");
        await using var store = await SqliteStore.OpenAsync(path, Schema, default);

        var error = await Assert.ThrowsAsync<IpfsKitStorageException>(() => ScalarAsync(store, "SELECT * FROM missing", "the items cannot be read"));

        Assert.Equal(path, error.Path);
        Assert.Equal("the items cannot be read", error.Reason);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.IsType<Microsoft.Data.Sqlite.SqliteException>(error.InnerException);
    }

    [Fact]
    public async Task OpenAsync_NotADatabase_ThrowsStorageExceptionNamingFile()
    {
        var path = Path.Combine(_folder.Path, "a.db");
        await File.WriteAllTextAsync(path, new string('x', 4096));

        var error = await Assert.ThrowsAsync<IpfsKitStorageException>(() => SqliteStore.OpenAsync(path, Schema, default));

        Assert.Equal(path, error.Path);
        Assert.Contains("the test database", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CancelledWhileWaiting_DoesNotRunAndLeavesTheGateFree()
    {
        await using var store = await SqliteStore.OpenAsync(null, Schema, default);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holder = store.RunAsync("holder", _ => release.Task, default);
        using var cancel = new CancellationTokenSource();
        var ran = false;
        var waiting = store.RunAsync("waiting", _ =>
        {
            ran = true;
            return Task.CompletedTask;
        }, cancel.Token);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        release.SetResult();
        await holder;

        Assert.False(ran);
        Assert.Equal(0L, await ScalarAsync(store, "SELECT COUNT(*) FROM items").WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task RunAsync_CancelledInsideTheWork_ReleasesTheGate()
    {
        await using var store = await SqliteStore.OpenAsync(null, Schema, default);
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.RunAsync("cancelled", async ct =>
        {
            await cancel.CancelAsync();
            ct.ThrowIfCancellationRequested();
        }, cancel.Token));

        // A gate left taken would make this time out.
        Assert.Equal(0L, await ScalarAsync(store, "SELECT COUNT(*) FROM items").WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task InTransactionAsync_WorkThrows_RollsBackAndPropagates()
    {
        await using var store = await SqliteStore.OpenAsync(null, Schema, default);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.InTransactionAsync<bool>("insert", async (transaction, ct) =>
        {
            using var insert = store.Command("INSERT INTO items (n) VALUES (1)", transaction);
            await insert.ExecuteNonQueryAsync(ct);
            throw new InvalidOperationException("after the write");
        }, default));
        await store.InTransactionAsync("insert", async (transaction, ct) =>
        {
            using var insert = store.Command("INSERT INTO items (n) VALUES (2)", transaction);
            return await insert.ExecuteNonQueryAsync(ct);
        }, default);

        Assert.Equal(2L, await ScalarAsync(store, "SELECT SUM(n) FROM items"));
    }

    internal static Task<long> ScalarAsync(SqliteStore store, string sql, string failure = "read") =>
        store.RunAsync(failure, async ct =>
        {
            using var command = store.Command(sql);
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }, default);

    private static Task<object?> PragmaAsync(SqliteStore store, string pragma) =>
        store.RunAsync("pragma", async ct =>
        {
            using var command = store.Command("PRAGMA " + pragma);
            return await command.ExecuteScalarAsync(ct);
        }, default);

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen && Interlocked.CompareExchange(ref target, value, seen) is var actual && actual != seen)
        {
            seen = actual;
        }
    }
}
