using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsKit.Errors;
using IpfsKit.Roles.Leecher;

namespace IpfsKit.Tests.Roles;

/// <summary>Operations the receiver refuses for good are parked (kept, listed, requeued), never retried forever or dropped.</summary>
[Trait("Category", "Roles")]
public sealed class OfflineOutboxParkingTests
{
    private static OutboxOperation Numbered(int n) => OutboxOperation.Publish("test", Encoding.UTF8.GetBytes(n.ToString(CultureInfo.InvariantCulture)));

    private static int NumberOf(OutboxOperation op) => int.Parse(Encoding.UTF8.GetString(op.Payload.Span), CultureInfo.InvariantCulture);

    private static Func<OutboxOperation, CancellationToken, Task> Refusing(HashSet<int> refused, List<int> sent) => (op, _) =>
    {
        if (refused.Contains(NumberOf(op)))
        {
            throw new IpfsKitOperationRefusedException("http://master/cluster/ops", $"number {NumberOf(op)} is not wanted", null);
        }

        sent.Add(NumberOf(op));
        return Task.CompletedTask;
    };

    [Fact]
    public async Task DrainAsync_RefusedOperation_ParkedWithReasonAndTheDrainGoesOn()
    {
        await using var outbox = await OfflineOutbox.OpenAsync(new OfflineOutboxOptions());
        var stored = new List<OutboxOperation>();
        for (var i = 0; i < 5; i++)
        {
            stored.Add(await outbox.EnqueueAsync(Numbered(i)));
        }

        var sent = new List<int>();
        var told = new List<ParkedOperation>();
        var drained = await outbox.DrainAsync(Refusing(new HashSet<int> { 1, 3 }, sent), told.Add);

        Assert.Equal(3, drained);
        Assert.Equal([0, 2, 4], sent);
        Assert.True(await outbox.IsEmptyAsync());
        Assert.Equal(2, await outbox.CountParkedAsync());
        var parked = await outbox.GetParkedAsync();
        Assert.Equal([1, 3], parked.Select(p => NumberOf(p.Operation)));
        Assert.Equal([stored[1].IdempotencyKey, stored[3].IdempotencyKey], parked.Select(p => p.Operation.IdempotencyKey));
        Assert.Equal([stored[1].Sequence, stored[3].Sequence], parked.Select(p => p.Operation.Sequence));
        Assert.Equal("number 1 is not wanted", parked[0].Reason);
        Assert.Equal(parked.Select(p => p.Operation.IdempotencyKey), told.Select(p => p.Operation.IdempotencyKey));
    }

    [Fact]
    public async Task DrainAsync_OtherFailure_StopsAtTheOperationAndParksNothing()
    {
        await using var outbox = await OfflineOutbox.OpenAsync(new OfflineOutboxOptions());
        for (var i = 0; i < 3; i++)
        {
            await outbox.EnqueueAsync(Numbered(i));
        }

        await Assert.ThrowsAsync<IpfsKitRemoteException>(() => outbox.DrainAsync((op, _) =>
            NumberOf(op) == 1 ? throw new IpfsKitRemoteException("http://master/cluster/ops", System.Net.HttpStatusCode.InternalServerError, "busy") : Task.CompletedTask));

        Assert.Equal(0, await outbox.CountParkedAsync());
        Assert.Equal([1, 2], (await outbox.PeekAsync(10)).Select(NumberOf));
    }

    [Fact]
    public async Task RequeueParkedAsync_ByKey_SendsItAgainLastWithItsKey()
    {
        await using var outbox = await OfflineOutbox.OpenAsync(new OfflineOutboxOptions());
        var first = await outbox.EnqueueAsync(Numbered(0));
        await outbox.EnqueueAsync(Numbered(1));
        await outbox.DrainAsync(Refusing(new HashSet<int> { 0, 1 }, []));
        var later = await outbox.EnqueueAsync(Numbered(2));

        Assert.True(await outbox.RequeueParkedAsync(first.IdempotencyKey));
        Assert.False(await outbox.RequeueParkedAsync(first.IdempotencyKey));
        Assert.False(await outbox.RequeueParkedAsync(Guid.NewGuid()));

        var queued = await outbox.PeekAsync(10);
        Assert.Equal([2, 0], queued.Select(NumberOf));
        Assert.Equal(first.IdempotencyKey, queued[1].IdempotencyKey);
        Assert.True(queued[1].Sequence > later.Sequence);
        Assert.Equal(first.EnqueuedAt, queued[1].EnqueuedAt);
        Assert.Equal([1], (await outbox.GetParkedAsync()).Select(p => NumberOf(p.Operation)));
    }

    [Fact]
    public async Task RequeueAllParkedAsync_KeepsTheirOrder()
    {
        await using var outbox = await OfflineOutbox.OpenAsync(new OfflineOutboxOptions());
        for (var i = 0; i < 6; i++)
        {
            await outbox.EnqueueAsync(Numbered(i));
        }

        await outbox.DrainAsync(Refusing(new HashSet<int> { 1, 2, 4 }, []));
        Assert.Equal(3, await outbox.RequeueAllParkedAsync());
        Assert.Equal(0, await outbox.CountParkedAsync());

        var sent = new List<int>();
        Assert.Equal(3, await outbox.DrainAsync(Refusing(new HashSet<int>(), sent)));
        Assert.Equal([1, 2, 4], sent);
    }

    [Fact]
    public async Task EnqueueAsync_ParkedCountAgainstTheBound()
    {
        await using var outbox = await OfflineOutbox.OpenAsync(new OfflineOutboxOptions { MaxOfflineQueue = 3 });
        await outbox.EnqueueAsync(Numbered(0));
        await outbox.EnqueueAsync(Numbered(1));
        await outbox.DrainAsync(Refusing(new HashSet<int> { 0, 1 }, []));
        await outbox.EnqueueAsync(Numbered(2));

        await Assert.ThrowsAsync<IpfsKitOutboxFullException>(() => outbox.EnqueueAsync(Numbered(3)));
        Assert.Equal(2, await outbox.RequeueAllParkedAsync());
        Assert.Equal(3, await outbox.CountAsync());
    }

    [Fact]
    public async Task OpenAsync_Reopen_KeepsParkedOperations()
    {
        using var folder = new TempFolder();
        var options = new OfflineOutboxOptions { Path = Path.Combine(folder.Path, "outbox.db") };
        await using (var outbox = await OfflineOutbox.OpenAsync(options))
        {
            await outbox.EnqueueAsync(Numbered(7));
            await outbox.EnqueueAsync(OutboxOperation.AddContent([1, 2, 3]));
            await outbox.DrainAsync((op, _) => throw new IpfsKitOperationRefusedException("master", "no", null));
        }

        await using var reopened = await OfflineOutbox.OpenAsync(options);
        var parked = await reopened.GetParkedAsync();
        Assert.Equal(2, parked.Count);
        Assert.Equal(7, NumberOf(parked[0].Operation));
        Assert.Equal([1, 2, 3], parked[1].Operation.Payload.ToArray());
        Assert.All(parked, p => Assert.Equal("no", p.Reason));
        Assert.Single(await reopened.GetParkedAsync(1));
    }

    /// <summary>
    /// For any pattern of refusals over any number of drains: every operation is sent once or parked once, never both,
    /// never lost; what is sent keeps the enqueue order, and so does what is parked.
    /// </summary>
    [Property(MaxTest = 40)]
    public Property DrainAsync_AnyRefusals_EveryOperationSentOrParkedOnceInOrder() =>
        Prop.ForAll(
            Gen.ListOf(Gen.Elements(true, false)).Select(l => l.ToArray()).ToArbitrary(),
            Gen.Choose(1, 4).ToArbitrary(),
            (refusals, drains) => CheckAsync(refusals, drains).GetAwaiter().GetResult());

    private static async Task<bool> CheckAsync(bool[] refusals, int drains)
    {
        await using var outbox = await OfflineOutbox.OpenAsync(new OfflineOutboxOptions { MaxOfflineQueue = 1000 });
        var refused = new HashSet<int>();
        var sent = new List<int>();
        var perDrain = Math.Max(1, (refusals.Length + drains - 1) / drains);
        for (var i = 0; i < refusals.Length; i++)
        {
            await outbox.EnqueueAsync(Numbered(i));
            if (refusals[i])
            {
                refused.Add(i);
            }

            if ((i + 1) % perDrain == 0)
            {
                await outbox.DrainAsync(Refusing(refused, sent));
            }
        }

        await outbox.DrainAsync(Refusing(refused, sent));
        var parked = (await outbox.GetParkedAsync()).Select(p => NumberOf(p.Operation)).ToList();
        var all = Enumerable.Range(0, refusals.Length);
        return sent.SequenceEqual(all.Where(i => !refused.Contains(i)))
            && parked.SequenceEqual(all.Where(refused.Contains))
            && await outbox.IsEmptyAsync();
    }
}
