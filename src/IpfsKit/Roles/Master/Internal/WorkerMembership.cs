using IpfsKit.Errors;
using IpfsKit.Roles.Coordination;
using IpfsKit.Roles.Internal;
using IpfsKit.Sqlite.Internal;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>
/// The master's record of its workers (SQLite, table <c>workers</c>): who joined, where to reach them, what room they
/// report, and whether they are alive. A worker is declared dead by <see cref="SweepAsync"/> once its last heartbeat is
/// older than <see cref="RolesOptions.HeartbeatInterval"/> × <see cref="RolesOptions.MissedHeartbeats"/>, counted at the
/// earliest from when this instance was opened: after a master restart, the workers it knew as alive are given that
/// long to beat again (their silence while the master was down is the master's, not theirs). A worker that stopped for a
/// restart is <see cref="WorkerState.Away"/> until <see cref="RolesOptions.AwayGrace"/> has passed since its leave, then
/// dead; a draining one (<see cref="WorkerState.Draining"/>) beats like an alive one (WorkerMembership.Away.cs).
/// </summary>
/// <remarks>Thread-safe: calls are serialised on one connection. Times come from the given <see cref="TimeProvider"/>.</remarks>
internal sealed partial class WorkerMembership : IAsyncDisposable
{
    private const string Columns = "id, api_url, zone, capacity, free, pins, state, joined_at, last_beat, (SELECT tags FROM worker_tags WHERE worker_tags.id = workers.id), " +
        "(SELECT kind FROM member_kinds WHERE member_kinds.id = workers.id), (SELECT members FROM member_kinds WHERE member_kinds.id = workers.id)";

    private readonly SqliteStore _db;
    private readonly TimeProvider _time;
    private readonly TimeSpan _deadAfter;
    private readonly TimeSpan _awayGrace;
    private readonly DateTimeOffset _openedAt;

    private WorkerMembership(SqliteStore db, TimeProvider time, TimeSpan deadAfter, TimeSpan awayGrace)
    {
        _db = db;
        _time = time;
        _deadAfter = deadAfter;
        _awayGrace = awayGrace;
        _openedAt = time.GetUtcNow();
    }

    /// <summary>Gets when this instance was opened (the master's start): silence is counted from then at the earliest.</summary>
    public DateTimeOffset OpenedAt => _openedAt;

    /// <summary>Gets how long a worker may stay silent before <see cref="SweepAsync"/> declares it dead.</summary>
    public TimeSpan DeadAfter => _deadAfter;

    /// <summary>Opens the membership at <paramref name="path"/> (created when missing), or in memory when null.</summary>
    /// <param name="path">The SQLite file (the master's <c>master.db</c>), or <see langword="null"/> for a private in-memory database.</param>
    /// <param name="options">The heartbeat interval and the number of beats a worker may miss.</param>
    /// <param name="timeProvider">The clock. <value>The default value is <see langword="null"/>: <see cref="TimeProvider.System"/>.</value></param>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>The open membership; dispose it to close the file.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be opened or created.</exception>
    public static async Task<WorkerMembership> OpenAsync(string? path, RolesOptions options, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.HeartbeatInterval, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MissedHeartbeats, 1, nameof(options));
        var db = await SqliteStore.OpenAsync(path, RolesSchemas.Master, cancellationToken).ConfigureAwait(false);
        return new WorkerMembership(db, timeProvider ?? TimeProvider.System, options.HeartbeatInterval * options.MissedHeartbeats, options.AwayGrace < TimeSpan.Zero ? TimeSpan.Zero : options.AwayGrace);
    }

    /// <summary>Counts a worker in; a known worker (even dead or left) is revived as alive with the new URL, zone, tags and room.</summary>
    /// <param name="request">The join.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The worker's record.</returns>
    /// <exception cref="ArgumentException">The id is empty or the URL is not absolute.</exception>
    /// <exception cref="IpfsKitStorageException">The database cannot be written.</exception>
    internal Task<WorkerInfo> JoinAsync(WorkerJoinRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.WorkerId, nameof(request));
        if (request.ApiUrl is not { IsAbsoluteUri: true })
        {
            throw new ArgumentException("The worker's API URL must be absolute.", nameof(request));
        }

        return _db.RunAsync("a join cannot be recorded", async ct =>
        {
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            using var write = _db.Command("""
                INSERT INTO workers (id, api_url, zone, capacity, free, pins, state, joined_at, last_beat)
                VALUES ($id, $url, $zone, $capacity, $free, 0, $alive, $now, $now)
                ON CONFLICT (id) DO UPDATE SET api_url = $url, zone = $zone, capacity = $capacity, free = $free,
                    joined_at = CASE WHEN state = $alive THEN joined_at ELSE $now END, state = $alive, last_beat = $now;
                DELETE FROM worker_tags WHERE id = $id;
                INSERT INTO worker_tags (id, tags) SELECT $id, $tags WHERE $tags <> '';
                DELETE FROM member_kinds WHERE id = $id;
                INSERT INTO member_kinds (id, kind, members) SELECT $id, $kind, $members WHERE $kind <> 0;
                """);
            write.Parameters.AddWithValue("$kind", (int)request.Kind);
            write.Parameters.AddWithValue("$members", request.Members);
            write.Parameters.AddWithValue("$tags", string.Join(',', MemberTags.Normalize(request.Tags)));
            write.Parameters.AddWithValue("$id", request.WorkerId);
            write.Parameters.AddWithValue("$url", request.ApiUrl.ToString());
            write.Parameters.AddWithValue("$zone", (object?)request.Zone ?? DBNull.Value);
            write.Parameters.AddWithValue("$capacity", request.CapacityBytes);
            write.Parameters.AddWithValue("$free", request.FreeBytes);
            write.Parameters.AddWithValue("$alive", (int)WorkerState.Alive);
            write.Parameters.AddWithValue("$now", now);
            await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return (await ReadAsync("WHERE id = $id", request.WorkerId, ct).ConfigureAwait(false))[0];
        }, cancellationToken);
    }

    /// <summary>Records a heartbeat of an alive (or draining) worker.</summary>
    /// <param name="heartbeat">The beat.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The worker's record, or <see langword="null"/> when the worker is unknown, dead, away or left (it must join again; a drained one stays out).</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be written.</exception>
    internal Task<WorkerInfo?> HeartbeatAsync(WorkerHeartbeat heartbeat, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        return _db.RunAsync<WorkerInfo?>("a heartbeat cannot be recorded", async ct =>
        {
            using var write = _db.Command("""
                UPDATE member_kinds SET members = $members WHERE id = $id
                    AND EXISTS (SELECT 1 FROM workers WHERE workers.id = $id AND state IN ($alive, $draining));
                UPDATE workers SET capacity = $capacity, free = $free, pins = $pins, last_beat = $now
                WHERE id = $id AND state IN ($alive, $draining)
                """);
            write.Parameters.AddWithValue("$members", heartbeat.Members);
            write.Parameters.AddWithValue("$draining", (int)WorkerState.Draining);
            write.Parameters.AddWithValue("$id", heartbeat.WorkerId ?? string.Empty);
            write.Parameters.AddWithValue("$capacity", heartbeat.CapacityBytes);
            write.Parameters.AddWithValue("$free", heartbeat.FreeBytes);
            write.Parameters.AddWithValue("$pins", heartbeat.PinCount);
            write.Parameters.AddWithValue("$alive", (int)WorkerState.Alive);
            write.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
            return await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 0
                ? null
                : (await ReadAsync("WHERE id = $id", heartbeat.WorkerId!, ct).ConfigureAwait(false))[0];
        }, cancellationToken);
    }

    /// <summary>Marks a worker as left (the coordinator then moves its ranges like a dead worker's).</summary>
    /// <param name="workerId">The worker's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the worker was alive or dead and is now left; <see langword="false"/> when unknown or already left.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be written.</exception>
    public Task<bool> LeaveAsync(string workerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workerId);
        return _db.RunAsync("a leave cannot be recorded", async ct =>
        {
            using var write = _db.Command("UPDATE workers SET state = $left WHERE id = $id AND state <> $left");
            write.Parameters.AddWithValue("$id", workerId);
            write.Parameters.AddWithValue("$left", (int)WorkerState.Left);
            return await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }

    /// <summary>Lists every worker the master knows, by id.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The records.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be read.</exception>
    public Task<IReadOnlyList<WorkerInfo>> ListAsync(CancellationToken cancellationToken = default) =>
        _db.RunAsync("the workers cannot be read", ct => ReadAsync(string.Empty, null, ct), cancellationToken);

    /// <summary>Lists the alive workers, by id.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The records.</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be read.</exception>
    public async Task<IReadOnlyList<WorkerInfo>> AliveAsync(CancellationToken cancellationToken = default) =>
        [.. (await ListAsync(cancellationToken).ConfigureAwait(false)).Where(w => w.State == WorkerState.Alive)];

    /// <summary>
    /// Declares dead every alive or draining worker whose last heartbeat is older than <see cref="DeadAfter"/> (none
    /// before <see cref="DeadAfter"/> has passed since <see cref="OpenedAt"/>), and every away worker that left for a
    /// restart longer than <see cref="RolesOptions.AwayGrace"/> ago.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The workers declared dead by this call (empty when none).</returns>
    /// <exception cref="IpfsKitStorageException">The database cannot be written.</exception>
    public Task<IReadOnlyList<WorkerInfo>> SweepAsync(CancellationToken cancellationToken = default) =>
        _db.RunAsync("the sweep cannot be recorded", async ct =>
        {
            var now = _time.GetUtcNow();
            var cutoff = (now - _deadAfter).ToUnixTimeMilliseconds();
            if (cutoff <= _openedAt.ToUnixTimeMilliseconds())
            {
                cutoff = long.MinValue; // the master has just started: silence is not counted yet (an away worker's grace is)
            }

            using var transaction = _db.Connection.BeginTransaction(deferred: false);
            using var write = _db.Command("""
                UPDATE workers SET state = $dead
                WHERE (state IN ($alive, $draining) AND last_beat < $cutoff) OR (state = $away AND last_beat <= $awayCutoff)
                RETURNING id
                """, transaction);
            write.Parameters.AddWithValue("$dead", (int)WorkerState.Dead);
            write.Parameters.AddWithValue("$alive", (int)WorkerState.Alive);
            write.Parameters.AddWithValue("$draining", (int)WorkerState.Draining);
            write.Parameters.AddWithValue("$away", (int)WorkerState.Away);
            write.Parameters.AddWithValue("$cutoff", cutoff);
            write.Parameters.AddWithValue("$awayCutoff", (now - _awayGrace).ToUnixTimeMilliseconds());
            var ids = new HashSet<string>(StringComparer.Ordinal);
            using (var reader = await write.ExecuteReaderAsync(ct).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    ids.Add(reader.GetString(0));
                }
            }

            transaction.Commit();
            return (IReadOnlyList<WorkerInfo>)[.. (await ReadAsync(string.Empty, null, ct).ConfigureAwait(false)).Where(w => ids.Contains(w.WorkerId))];
        }, cancellationToken);

    /// <summary>Closes the database after in-flight work.</summary>
    /// <returns>A task that completes when the database is closed.</returns>
    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private async Task<IReadOnlyList<WorkerInfo>> ReadAsync(string where, string? id, CancellationToken cancellationToken)
    {
        using var read = _db.Command($"SELECT {Columns} FROM workers {where} ORDER BY id");
        if (id is not null)
        {
            read.Parameters.AddWithValue("$id", id);
        }

        var workers = new List<WorkerInfo>();
        using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            workers.Add(new WorkerInfo(
                reader.GetString(0),
                new Uri(reader.GetString(1)),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetInt64(3),
                reader.GetInt64(4),
                reader.GetInt32(5),
                (WorkerState)reader.GetInt32(6),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)))
            {
                Tags = reader.IsDBNull(9) ? [] : reader.GetString(9).Split(','),
                Kind = reader.IsDBNull(10) ? MemberKind.Worker : (MemberKind)reader.GetInt32(10),
                Members = reader.IsDBNull(11) ? 0 : reader.GetInt32(11),
            });
        }

        return workers;
    }
}
