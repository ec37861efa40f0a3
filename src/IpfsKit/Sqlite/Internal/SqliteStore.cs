using IpfsKit.Errors;
using Microsoft.Data.Sqlite;

namespace IpfsKit.Sqlite.Internal;

/// <summary>
/// One SQLite database of IpfsKit (the embedded pinset, the master's database, the outbox, the shard progress): one
/// connection, used by one operation at a time through <see cref="RunAsync{T}"/> or <see cref="InTransactionAsync{T}"/>;
/// a <see cref="SqliteException"/> becomes an <see cref="IpfsKitStorageException"/> naming the file and what failed.
/// Open it with <see cref="OpenAsync"/>.
/// </summary>
/// <remarks>Thread-safe through the gate; the connection itself must be used only inside a run.</remarks>
internal sealed partial class SqliteStore : IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    private SqliteStore(SqliteConnection connection, string name, string what)
    {
        Connection = connection;
        Name = name;
        What = what;
    }

    /// <summary>Gets the connection; use it only inside a run.</summary>
    public SqliteConnection Connection { get; }

    /// <summary>Gets the file (or memory name) of the database, for errors.</summary>
    public string Name { get; }

    /// <summary>Gets what the database holds ("the pinset database").</summary>
    public string What { get; }

    /// <summary>Makes a command, in <paramref name="transaction"/> when one is given; use it only inside a run.</summary>
    public SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Makes the storage error of this database.</summary>
    public IpfsKitStorageException Fail(string failure, Exception? inner = null) => new(Name, failure, inner);

    /// <summary>
    /// Runs <paramref name="work"/> alone on the connection. Waiting for the gate honours <paramref name="cancellationToken"/>;
    /// the gate is released however the work ends.
    /// </summary>
    /// <param name="failure">What failed, for the error ("the pinset cannot be written").</param>
    /// <param name="work">The work; it gets <paramref name="cancellationToken"/>.</param>
    /// <param name="cancellationToken">Cancels the wait and the work.</param>
    /// <returns>What the work returns.</returns>
    /// <exception cref="IpfsKitStorageException">SQLite failed.</exception>
    public async Task<T> RunAsync<T>(string failure, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await MappedAsync(failure, work, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Waits for exclusive use of the connection for work that cannot be one delegate (an async iterator that holds the
    /// connection across its yields); dispose the result to release it. Map its SQLite calls with <see cref="MappedAsync{T}"/>.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The lease of the gate.</returns>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Lease(_gate);
    }

    /// <summary>Runs <paramref name="work"/> without taking the gate (the caller holds it), mapping a SQLite failure.</summary>
    /// <param name="failure">What failed, for the error.</param>
    /// <param name="work">The work.</param>
    /// <param name="cancellationToken">Passed to the work.</param>
    /// <returns>What the work returns.</returns>
    /// <exception cref="IpfsKitStorageException">SQLite failed.</exception>
    public async Task<T> MappedAsync<T>(string failure, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            return await work(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw Fail(failure, ex);
        }
    }

    /// <summary>Runs <paramref name="work"/> like <see cref="RunAsync{T}"/>, without a result.</summary>
    public Task RunAsync(string failure, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunAsync(failure, async ct =>
        {
            await work(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="work"/> alone in an immediate transaction (the write lock is taken at once) and commits when
    /// it returns; when it throws, the transaction is rolled back and the exception propagates (a SQLite one mapped).
    /// </summary>
    /// <param name="failure">What failed, for the error.</param>
    /// <param name="work">The work; it gets the transaction and <paramref name="cancellationToken"/>.</param>
    /// <param name="cancellationToken">Cancels the wait and the work.</param>
    /// <returns>What the work returns.</returns>
    /// <exception cref="IpfsKitStorageException">SQLite failed.</exception>
    public Task<T> InTransactionAsync<T>(string failure, Func<SqliteTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunAsync(failure, async ct =>
        {
            using var transaction = Connection.BeginTransaction(deferred: false);
            var result = await work(transaction, ct).ConfigureAwait(false);
            transaction.Commit();
            return result;
        }, cancellationToken);
    }

    /// <summary>Waits for the operation in flight, then closes the connection (an in-memory database is gone then).</summary>
    /// <returns>A task that completes when the connection is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        await Connection.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    /// <summary>Closes the connection at once, without waiting for an operation in flight (the owner has stopped using it).</summary>
    public void Dispose()
    {
        Connection.Dispose();
        _gate.Dispose();
    }

    private sealed class Lease(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
