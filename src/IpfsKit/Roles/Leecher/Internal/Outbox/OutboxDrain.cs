using IpfsKit.Errors;

namespace IpfsKit.Roles.Leecher.Internal.Outbox;

/// <summary>
/// The drain policy of the offline outbox: one drain at a time; operations sent oldest first in batches, each removed
/// only after its send completed (at least once from the outbox's side); an operation the master refuses for good
/// (<see cref="IpfsKitOperationRefusedException"/>) is parked and the drain goes on; any other failure stops the drain
/// with that operation still at the head.
/// </summary>
internal sealed class OutboxDrain(OutboxQueue queue, OutboxParking parking) : IDisposable
{
    private const int Batch = 64;

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Sends every queued operation, including those enqueued while it runs.</summary>
    /// <returns>How many operations were sent and removed (parked ones not included).</returns>
    public async Task<int> DrainAsync(Func<OutboxOperation, CancellationToken, Task> send, Action<ParkedOperation>? parked, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var sent = 0;
            while (true)
            {
                var batch = await queue.PeekAsync(Batch, cancellationToken).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    return sent;
                }

                foreach (var operation in batch)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    try
                    {
                        await send(operation, cancellationToken).ConfigureAwait(false);
                    }
                    catch (IpfsKitOperationRefusedException refused)
                    {
                        var kept = await parking.ParkAsync(operation, refused.Reason).ConfigureAwait(false);
                        parked?.Invoke(kept);
                        continue;
                    }

                    // Sent: remove it whatever the token says, or it would be sent again for nothing.
                    await queue.RemoveAsync(operation.Sequence).ConfigureAwait(false);
                    sent++;
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Releases the gate's resources.</summary>
    public void Dispose() => _gate.Dispose();
}
