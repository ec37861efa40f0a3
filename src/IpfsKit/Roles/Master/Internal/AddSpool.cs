using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Internal;
using IpfsKit.Sharding;
using IpfsKit.Transports.Embedded;
using IpfsKit.Transports.Embedded.Internal;
using Microsoft.Extensions.Logging;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>
/// One add through a master with a spool budget, streamed: once the add's leaves on the master reach half its room,
/// the complete subtrees written so far are placed on the workers (<see cref="SpoolPlacer"/>) and their leaves dropped
/// from the master, while the add goes on; a write that would take the add's leaves above its room waits for that
/// (back-pressure: the add is never refused nor evicted). Its room is the budget less what the master's store held when
/// the add was admitted, but at least half the budget. At the end every pending subtree is placed too, and each root's
/// plan adopts the subtrees under it (<see cref="ShardPlanner.Adopt"/>). An add that stays under half its room is not
/// streamed: its pin is placed by the coordinator as before.
/// </summary>
/// <remarks>Thread-safe: the importer writes leaves in parallel; rounds of placement run one at a time, beside the writes.</remarks>
internal sealed class AddSpool : IAddSpool
{
    private readonly SpoolGate _gate;
    private readonly IDisposable _lease;
    private readonly MasterStore _store;
    private readonly MasterBlockSource _reads;
    private readonly WorkerTransports _workers;
    private readonly ILogger _logger;
    private readonly EmbeddedTransport? _node;
    private readonly long _room;
    private readonly SpoolPlacer _placer;
    private readonly Lock _lock = new();
    private readonly SubtreeFrontier _frontier = new();
    private readonly List<SubtreePlacement> _placed = [];
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ImportSession? _session;
    private Task _round = Task.CompletedTask;
    private bool _rounding;
    private bool _flushing;
    private bool _streamed;
    private bool _completed;
    private long _onMaster;
    private int _blocked;

    public AddSpool(SpoolGate gate, IDisposable lease, MasterStore store, WorkerTransports workers, MasterBlockSource reads, ILogger logger, EmbeddedTransport? node, long room)
    {
        (_gate, _lease, _store, _workers, _reads, _logger, _node, _room) = (gate, lease, store, workers, reads, logger, node, room);
        Id = Guid.NewGuid().ToString("N");
        _placer = new SpoolPlacer(store, workers, Id);
        gate.Register(Id);
    }

    /// <summary>Gets the add's id, under which its placements in progress are recorded.</summary>
    public string Id { get; }

    public IBlockStore Through(ImportSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (_node is null)
        {
            return session;
        }

        _session = session;
        return new Writes(this, session);
    }

    public async Task<bool> CompleteAsync(IReadOnlyList<Cid> roots, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roots);
        lock (_lock)
        {
            if (!_streamed)
            {
                return false; // never streamed: the coordinator places the pin as before
            }

            _flushing = true;
            StartRoundLocked();
        }

        while (true)
        {
            Task round;
            lock (_lock)
            {
                if (!_rounding && _frontier.IsEmpty)
                {
                    break;
                }

                StartRoundLocked();
                round = _round;
            }

            await round.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        List<SubtreePlacement> placed;
        lock (_lock)
        {
            placed = [.. _placed];
        }

        var adoptedAll = true;
        foreach (var root in roots)
        {
            adoptedAll &= await SpoolAdoption.AdoptAsync(_store, _workers, _reads, _logger, _node!, Id, placed, root, cancellationToken).ConfigureAwait(false);
        }

        if (adoptedAll)
        {
            var pinset = await _store.PinsetAsync(cancellationToken).ConfigureAwait(false);
            await pinset.Spool.ForgetAsync(Id, cancellationToken).ConfigureAwait(false);
            _completed = true;
        }

        // Else a root was pinned and planned before: the add's rows are retired when it ends, and the release keeps
        // whatever a plan in force uses.
        _reads.Invalidate();
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _round.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing); // the add ended while a round was placing
        _gate.Unregister(Id);
        try
        {
            if (!_completed)
            {
                // Failed or cancelled: what was placed for it is retired now and released on the workers by the next pass.
                await _gate.AbandonAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            _stop.Dispose();
            _lease.Dispose();
        }
    }

    private async ValueTask PutAsync(ImportSession session, Block block, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_onMaster == 0 || _onMaster + block.Size <= _room)
                {
                    break;
                }

                _blocked++;
                StartRoundLocked();
                changed = _changed.Task;
            }

            MasterLog.SpoolFull(_logger, _onMaster, _room);
            try
            {
                await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                lock (_lock)
                {
                    _blocked--;
                }
            }
        }

        await session.PutAsync(block, cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            _onMaster += _frontier.Add(block);
            if (_onMaster >= _room / 2)
            {
                StartRoundLocked();
            }
        }
    }

    /// <summary>Whether lone leaves are placed too: the add is ending, or a write waits, or the room is three quarters full.</summary>
    private bool TakesLeavesLocked => _flushing || _blocked > 0 || _onMaster >= _room / 4 * 3;

    private void StartRoundLocked()
    {
        if (!_rounding && !_stop.IsCancellationRequested && (_frontier.HasNodes || (TakesLeavesLocked && !_frontier.IsEmpty)))
        {
            _rounding = _streamed = true;
            _round = Task.Run(RoundsAsync);
        }
    }

    /// <summary>Places what is pending, again while the add's leaves on the master stay at or above half its room (or it is ending).</summary>
    private async Task RoundsAsync()
    {
        try
        {
            await PlacePendingAsync().ConfigureAwait(false);
        }
        catch
        {
            lock (_lock)
            {
                _rounding = false;
                Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }

            throw;
        }
    }

    private async Task PlacePendingAsync()
    {
        while (true)
        {
            List<SpoolItem> items;
            lock (_lock)
            {
                items = _flushing || _onMaster >= _room / 2 ? _frontier.Take(TakesLeavesLocked) : [];
                if (items.Count == 0)
                {
                    _rounding = false;
                    return;
                }
            }

            var placed = await PlaceUntilDoneAsync(items).ConfigureAwait(false);
            var leaves = items.SelectMany(i => i.Leaves).ToList();
            await _session!.DropAsync(leaves).ConfigureAwait(false);
            var bytes = items.Sum(i => i.LeafBytes);
            lock (_lock)
            {
                _placed.AddRange(placed);
                _onMaster -= bytes;
                Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }

            MasterLog.SubtreesPlaced(_logger, Id, items.Count, items.Sum(i => i.Bytes), Volatile.Read(ref _onMaster));
        }
    }

    private async Task<List<SubtreePlacement>> PlaceUntilDoneAsync(List<SpoolItem> items)
    {
        var origin = _node!.Blocks.Local;
        while (true)
        {
            try
            {
                return await _placer.PlaceAsync(items, origin, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !_stop.IsCancellationRequested)
            {
                // No worker alive or with room, or one failed: the add waits (its writes are held back) and tries again.
                MasterLog.SubtreesFailed(_logger, Id, ex);
                await Task.Delay(_store.Options.HeartbeatInterval, _store.Time, _stop.Token).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The import session with the spool's back-pressure and bookkeeping on its writes.</summary>
    private sealed class Writes(AddSpool spool, ImportSession session) : IBlockStore
    {
        public ValueTask<Block?> GetAsync(Cid cid, CancellationToken cancellationToken = default) => session.GetAsync(cid, cancellationToken);

        public ValueTask<bool> HasAsync(Cid cid, CancellationToken cancellationToken = default) => session.HasAsync(cid, cancellationToken);

        public ValueTask<bool> DeleteAsync(Cid cid, CancellationToken cancellationToken = default) => session.DeleteAsync(cid, cancellationToken);

        public IAsyncEnumerable<Cid> EnumerateAsync(CancellationToken cancellationToken = default) => session.EnumerateAsync(cancellationToken);

        public ValueTask PutAsync(Block block, CancellationToken cancellationToken = default) => spool.PutAsync(session, block, cancellationToken);
    }
}
