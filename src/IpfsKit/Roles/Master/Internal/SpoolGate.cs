using System.Collections.Concurrent;
using IpfsKit.Internal;
using IpfsKit.Transports;
using IpfsKit.Transports.Embedded;
using Microsoft.Extensions.Logging;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>
/// The back-pressure of the master's spool (<see cref="RolesOptions.SpoolBudget"/>): an add is admitted only while the
/// master's store of record holds less than the budget, and one add at a time; an admitted add is an
/// <see cref="AddSpool"/>, which places its complete subtrees while it runs so that it never holds more than its room.
/// A waiting add is woken by <see cref="Signal"/> after each coordination pass that may have dropped placed leaves.
/// Thread-safe.
/// </summary>
internal sealed class SpoolGate(MasterStore store, WorkerTransports workers, MasterBlockSource reads, ILogger<SpoolGate> logger) : IDisposable
{
    private readonly SemaphoreSlim _admission = new(1, 1);
    private readonly ConcurrentDictionary<string, byte> _running = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Gets the ids of the adds in progress (their placements in progress are theirs, not abandoned).</summary>
    public IReadOnlyCollection<string> Running => [.. _running.Keys];

    public void Dispose() => _admission.Dispose();

    /// <summary>Waits for room in the spool; dispose the returned spool when the add has ended.</summary>
    /// <returns>The add's spool, or <see langword="null"/> when there is no budget.</returns>
    public async Task<IAddSpool?> EnterAsync(IIpfsTransport local, CancellationToken cancellationToken)
    {
        var budget = store.Options.SpoolBudget.Bytes;
        if (budget <= 0)
        {
            return null;
        }

        await _admission.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                var changed = Volatile.Read(ref _changed).Task;
                var used = (await local.RepoStatAsync(cancellationToken).ConfigureAwait(false)).RepoSize;
                if (used < budget)
                {
                    var streams = store.Options.MasterKeeps != MasterKeeps.Everything ? local as EmbeddedTransport : null;
                    return new AddSpool(this, new Lease(_admission), store, workers, reads, logger, streams, budget - Math.Min(used, budget / 2));
                }

                MasterLog.SpoolFull(logger, used, budget);
                await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            _admission.Release();
            throw;
        }
    }

    /// <summary>Wakes the waiting add to look at the spool again.</summary>
    public void Signal() =>
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Retires the placements in progress of adds that are not running (the master died during them).</summary>
    public async Task AbandonAsync(CancellationToken cancellationToken)
    {
        var pinset = await store.PinsetAsync(cancellationToken).ConfigureAwait(false);
        if (await pinset.Spool.AbandonAsync(Running, cancellationToken).ConfigureAwait(false) is > 0 and var retired)
        {
            MasterLog.SpoolAbandoned(logger, retired);
        }
    }

    /// <summary>Records an add in progress.</summary>
    public void Register(string addId) => _running[addId] = 0;

    /// <summary>Records the end of an add.</summary>
    public void Unregister(string addId) => _running.TryRemove(addId, out _);

    private sealed class Lease(SemaphoreSlim admission) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                admission.Release();
            }
        }
    }
}
