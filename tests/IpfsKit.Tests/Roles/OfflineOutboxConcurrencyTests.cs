using System.Globalization;
using System.Text;
using IpfsKit.Errors;
using IpfsKit.Roles.Leecher;

namespace IpfsKit.Tests.Roles;

[Trait("Category", "Roles")]
public sealed class OfflineOutboxConcurrencyTests
{
    private static OutboxOperation Numbered(int n) => OutboxOperation.Publish("test", Encoding.UTF8.GetBytes(n.ToString(CultureInfo.InvariantCulture)));

    private static int NumberOf(OutboxOperation op) => int.Parse(Encoding.UTF8.GetString(op.Payload.Span), CultureInfo.InvariantCulture);

    [Fact]
    public async Task DrainAsync_EnqueueWhileDraining_SendsTheNewOnesAfterTheOld()
    {
        await using var outbox = await OfflineOutbox.OpenAsync(new OfflineOutboxOptions());
        for (var i = 0; i < 3; i++)
        {
            await outbox.EnqueueAsync(Numbered(i));
        }

        var sent = new List<int>();
        var drained = await outbox.DrainAsync(async (op, ct) =>
        {
            sent.Add(NumberOf(op));
            if (NumberOf(op) < 3)
            {
                // Enqueued from inside the send: the drain must pick these up, after what was there.
                await outbox.EnqueueAsync(Numbered(NumberOf(op) + 3), ct);
            }
        });

        Assert.Equal(6, drained);
        Assert.Equal([0, 1, 2, 3, 4, 5], sent);
        Assert.True(await outbox.IsEmptyAsync());
    }

    [Fact]
    public async Task DrainAsync_Cancelled_StopsBetweenOperationsAndKeepsTheRest()
    {
        await using var outbox = await OfflineOutbox.OpenAsync(new OfflineOutboxOptions());
        for (var i = 0; i < 5; i++)
        {
            await outbox.EnqueueAsync(Numbered(i));
        }

        using var cancellation = new CancellationTokenSource();
        var sent = new List<int>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => outbox.DrainAsync((op, _) =>
        {
            sent.Add(NumberOf(op));
            if (NumberOf(op) == 1)
            {
                cancellation.Cancel();
            }

            return Task.CompletedTask;
        }, cancellation.Token));

        // The operation whose send completed was removed even though the token fired during it.
        Assert.Equal([0, 1], sent);
        Assert.Equal([2, 3, 4], (await outbox.PeekAsync(10)).Select(NumberOf));
    }

    [Fact]
    public async Task EnqueueAsync_ManyConcurrent_AllStoredWithDistinctSequencesAndBoundHolds()
    {
        await using var outbox = await OfflineOutbox.OpenAsync(new OfflineOutboxOptions { MaxOfflineQueue = 50 });
        var attempts = Enumerable.Range(0, 80).Select(async n =>
        {
            try
            {
                return (await outbox.EnqueueAsync(Numbered(n))).Sequence;
            }
            catch (IpfsKitOutboxFullException)
            {
                return -1L;
            }
        });

        var sequences = await Task.WhenAll(attempts);

        Assert.Equal(50, sequences.Count(s => s > 0));
        Assert.Equal(30, sequences.Count(s => s < 0));
        Assert.Equal(50, sequences.Where(s => s > 0).Distinct().Count());
        Assert.Equal(50, await outbox.CountAsync());
    }
}
