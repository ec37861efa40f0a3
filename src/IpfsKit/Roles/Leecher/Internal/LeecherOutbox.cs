using Microsoft.Extensions.Options;

namespace IpfsKit.Roles.Leecher.Internal;

/// <summary>
/// The leecher's offline outbox, opened once on first use (<c>outbox.db</c> in the storage folder; in memory when the
/// node has no folder), and the signal that wakes the agent when something was queued.
/// </summary>
internal sealed class LeecherOutbox : IAsyncDisposable
{
    private readonly Lazy<Task<OfflineOutbox>> _outbox;
    private readonly SemaphoreSlim _queued = new(0, int.MaxValue);

    public LeecherOutbox(IOptions<IpfsKitOptions> options, TimeProvider time)
    {
        var value = options.Value;
        var path = value.Storage.Path is { } folder ? Path.Combine(folder, "outbox.db") : null;
        var outboxOptions = new OfflineOutboxOptions { Path = path, MaxOfflineQueue = value.Roles.MaxOfflineQueue, TimeProvider = time };
        _outbox = new(() => OfflineOutbox.OpenAsync(outboxOptions), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public async Task<OfflineOutbox> GetAsync(CancellationToken cancellationToken) =>
        await _outbox.Value.WaitAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Stores an operation durably and wakes the agent.</summary>
    public async Task<OutboxOperation> EnqueueAsync(OutboxOperation operation, CancellationToken cancellationToken)
    {
        var outbox = await GetAsync(cancellationToken).ConfigureAwait(false);
        var stored = await outbox.EnqueueAsync(operation, cancellationToken).ConfigureAwait(false);
        _queued.Release();
        return stored;
    }

    /// <summary>Moves parked operations back into the queue (all of them when <paramref name="keys"/> is empty) and wakes the agent.</summary>
    /// <returns>How many were requeued, and the keys that named no parked operation.</returns>
    public async Task<(int Requeued, IReadOnlyList<Guid> Unknown)> RequeueAsync(IReadOnlyCollection<Guid> keys, CancellationToken cancellationToken)
    {
        var outbox = await GetAsync(cancellationToken).ConfigureAwait(false);
        var requeued = 0;
        var unknown = new List<Guid>();
        if (keys.Count == 0)
        {
            requeued = await outbox.RequeueAllParkedAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            foreach (var key in keys)
            {
                if (await outbox.RequeueParkedAsync(key, cancellationToken).ConfigureAwait(false))
                {
                    requeued++;
                }
                else
                {
                    unknown.Add(key);
                }
            }
        }

        if (requeued > 0)
        {
            _queued.Release();
        }

        return (requeued, unknown);
    }

    /// <summary>Waits until something is queued or <paramref name="timeout"/> passes.</summary>
    public async Task WaitQueuedAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var delay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tick = Task.Delay(timeout, time, delay.Token);
        var queued = _queued.WaitAsync(delay.Token);
        await Task.WhenAny(tick, queued).ConfigureAwait(false);
        await delay.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(tick, queued).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        while (_queued.CurrentCount > 0 && _queued.Wait(0, CancellationToken.None))
        {
            // Coalesce: one drain sends everything queued so far.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_outbox.IsValueCreated && _outbox.Value.IsCompletedSuccessfully)
        {
            await (await _outbox.Value.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        }

        _queued.Dispose();
    }
}
