using IpfsKit.Diagnostics.Internal;
using IpfsKit.Internal;
using Microsoft.Extensions.Options;

namespace IpfsKit.Roles.Leecher.Internal;

/// <summary>
/// The leecher's offline outbox (also a remote transport's, <c>WithOfflineOutbox</c>), opened on first use and kept
/// once open, a failed open being retried on the next use (<c>outbox.db</c> in the storage folder; in memory when the
/// node has no folder), the signal that wakes the agent when something was queued, and the public
/// <see cref="ILeecherOutbox"/> view.
/// </summary>
internal sealed class LeecherOutbox : ILeecherOutbox, IAsyncDisposable
{
    private readonly OpenOnce<OfflineOutbox> _outbox;
    private readonly SemaphoreSlim _queued = new(0, int.MaxValue);
    private int _disposed;

    public LeecherOutbox(IOptions<IpfsKitOptions> options, TimeProvider time, IpfsKitMetrics? metrics = null)
        : this(new OfflineOutboxOptions
        {
            Metrics = metrics,
            Path = options.Value.Storage.Path is { } folder ? Path.Combine(folder, "outbox.db") : null,
            MaxOfflineQueue = options.Value.Roles.MaxOfflineQueue,
            TimeProvider = time,
        })
    {
    }

    /// <summary>Holds the outbox <paramref name="options"/> describe (a remote transport's, <c>WithOfflineOutbox</c>).</summary>
    public LeecherOutbox(OfflineOutboxOptions options)
    {
        Options = options;
        _outbox = new(() => OfflineOutbox.OpenAsync(options));
    }

    /// <summary>Gets the options the outbox is opened with.</summary>
    public OfflineOutboxOptions Options { get; }

    public async Task<OfflineOutbox> GetAsync(CancellationToken cancellationToken) =>
        await _outbox.GetAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Stores an operation durably and wakes the agent.</summary>
    public async Task<OutboxOperation> EnqueueAsync(OutboxOperation operation, CancellationToken cancellationToken)
    {
        var outbox = await GetAsync(cancellationToken).ConfigureAwait(false);
        var stored = await outbox.EnqueueAsync(operation, cancellationToken).ConfigureAwait(false);
        _queued.Release();
        return stored;
    }

    public async Task<int> CountQueuedAsync(CancellationToken cancellationToken = default) =>
        await (await GetAsync(cancellationToken).ConfigureAwait(false)).CountAsync(cancellationToken).ConfigureAwait(false);

    public async Task<int> CountParkedAsync(CancellationToken cancellationToken = default) =>
        await (await GetAsync(cancellationToken).ConfigureAwait(false)).CountParkedAsync(cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<ParkedOperation>> GetParkedAsync(CancellationToken cancellationToken = default) =>
        await (await GetAsync(cancellationToken).ConfigureAwait(false)).GetParkedAsync(cancellationToken: cancellationToken).ConfigureAwait(false);

    public async Task<bool> RequeueParkedAsync(Guid idempotencyKey, CancellationToken cancellationToken = default)
    {
        var outbox = await GetAsync(cancellationToken).ConfigureAwait(false);
        return Woken(await outbox.RequeueParkedAsync(idempotencyKey, cancellationToken).ConfigureAwait(false) ? 1 : 0) > 0;
    }

    public async Task<int> RequeueAllParkedAsync(CancellationToken cancellationToken = default)
    {
        var outbox = await GetAsync(cancellationToken).ConfigureAwait(false);
        return Woken(await outbox.RequeueAllParkedAsync(cancellationToken).ConfigureAwait(false));
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

    private int Woken(int requeued)
    {
        if (requeued > 0)
        {
            _queued.Release();
        }

        return requeued;
    }

    /// <summary>Closes the outbox once (the container disposes it under both of its registrations).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_outbox.TryGetOpened(out var opened))
        {
            await opened.DisposeAsync().ConfigureAwait(false);
        }

        _queued.Dispose();
    }
}
