using IpfsKit.Transports;
using Microsoft.Extensions.Logging;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>
/// The back-pressure of the master's spool (<see cref="RolesOptions.SpoolBudget"/>): an add is admitted only while the
/// master's store of record holds less than the budget, and one add at a time, so the master's disk stays under the
/// budget plus one add (plus what it keeps). A waiting add is woken by <see cref="Signal"/> after each coordination pass
/// that may have dropped placed leaves. Thread-safe.
/// </summary>
internal sealed class SpoolGate(MasterStore store, ILogger<SpoolGate> logger) : IDisposable
{
    private readonly SemaphoreSlim _admission = new(1, 1);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Dispose() => _admission.Dispose();

    /// <summary>Waits for room in the spool; dispose the returned lease when the add has ended.</summary>
    /// <returns>The lease, or <see langword="null"/> when there is no budget.</returns>
    public async Task<IDisposable?> EnterAsync(IIpfsTransport local, CancellationToken cancellationToken)
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
                    return new Lease(_admission);
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
