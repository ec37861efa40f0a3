using System.Text;
using IpfsKit.Blocks;
using IpfsKit.Errors;
using IpfsKit.Roles.Leecher;
using IpfsKit.Transports;
using Microsoft.Extensions.Time.Testing;

namespace IpfsKit.Tests.Roles;

[Trait("Category", "Roles")]
public sealed class OfflineOutboxTests
{
    private static OutboxOperation Numbered(int n) => OutboxOperation.Publish("test", Encoding.UTF8.GetBytes(n.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static int NumberOf(OutboxOperation op) => int.Parse(Encoding.UTF8.GetString(op.Payload.Span), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task DrainAsync_AfterEnqueues_SendsInEnqueueOrderAndEmpties()
    {
        await using var outbox = await OfflineOutbox.OpenAsync(new OfflineOutboxOptions());
        var cid = Block.Create(new byte[] { 1, 2, 3 }).Cid;
        var pin = await outbox.EnqueueAsync(OutboxOperation.Pin(cid, PinMode.Direct));
        var add = await outbox.EnqueueAsync(OutboxOperation.AddContent([9, 8, 7]));
        var publish = await outbox.EnqueueAsync(OutboxOperation.Publish("iot/sensor/readings", [42]));
        var unpin = await outbox.EnqueueAsync(OutboxOperation.Unpin(cid));
        Assert.Equal(4, await outbox.CountAsync());
        Assert.False(await outbox.IsEmptyAsync());

        var sent = new List<OutboxOperation>();
        var drained = await outbox.DrainAsync((op, _) => { sent.Add(op); return Task.CompletedTask; });

        Assert.Equal(4, drained);
        Assert.Equal([pin.Sequence, add.Sequence, publish.Sequence, unpin.Sequence], sent.Select(s => s.Sequence));
        Assert.True(pin.Sequence < add.Sequence && add.Sequence < publish.Sequence && publish.Sequence < unpin.Sequence);
        Assert.Equal([pin.IdempotencyKey, add.IdempotencyKey, publish.IdempotencyKey, unpin.IdempotencyKey], sent.Select(s => s.IdempotencyKey));
        Assert.Equal(4, sent.Select(s => s.IdempotencyKey).Distinct().Count());
        Assert.DoesNotContain(Guid.Empty, sent.Select(s => s.IdempotencyKey));
        Assert.Equal(OutboxOperationKind.Pin, sent[0].Kind);
        Assert.Equal(cid, sent[0].Cid);
        Assert.Equal(PinMode.Direct, sent[0].PinMode);
        Assert.Equal([9, 8, 7], sent[1].Payload.ToArray());
        Assert.Equal("iot/sensor/readings", sent[2].Topic);
        Assert.Equal(OutboxOperationKind.Unpin, sent[3].Kind);
        Assert.True(await outbox.IsEmptyAsync());
        Assert.Equal(0, await outbox.CountAsync());
    }

    [Fact]
    public async Task EnqueueAsync_Full_ThrowsOutboxFullAndLosesNothing()
    {
        await using var outbox = await OfflineOutbox.OpenAsync(new OfflineOutboxOptions { MaxOfflineQueue = 5 });
        for (var i = 0; i < 5; i++)
        {
            await outbox.EnqueueAsync(Numbered(i));
        }

        var full = await Assert.ThrowsAsync<IpfsKitOutboxFullException>(() => outbox.EnqueueAsync(Numbered(5)));
        Assert.Equal(5, full.Capacity);
        Assert.IsAssignableFrom<IpfsKitException>(full);
        Assert.Equal(5, await outbox.CountAsync());
        Assert.Equal([0, 1, 2, 3, 4], (await outbox.PeekAsync(10)).Select(NumberOf));

        // Room again after a drain.
        await outbox.DrainAsync((_, _) => Task.CompletedTask);
        await outbox.EnqueueAsync(Numbered(5));
        Assert.Equal(1, await outbox.CountAsync());
    }

    [Fact]
    public async Task EnqueueAsync_PayloadOverCap_ThrowsCapacity()
    {
        await using var outbox = await OfflineOutbox.OpenAsync(new OfflineOutboxOptions { MaxPayloadBytes = 16 });
        var error = await Assert.ThrowsAsync<IpfsKitCapacityException>(() => outbox.EnqueueAsync(OutboxOperation.AddContent(new byte[17])));
        Assert.Equal(17, error.RequiredBytes);
        await outbox.EnqueueAsync(OutboxOperation.AddContent(new byte[16]));
        Assert.Equal(1, await outbox.CountAsync());
    }

    [Fact]
    public async Task DrainAsync_SendFails_StopsThereAndKeepsTheRestInOrder()
    {
        await using var outbox = await OfflineOutbox.OpenAsync(new OfflineOutboxOptions());
        for (var i = 0; i < 10; i++)
        {
            await outbox.EnqueueAsync(Numbered(i));
        }

        var sent = new List<int>();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => outbox.DrainAsync((op, _) =>
        {
            if (NumberOf(op) == 4)
            {
                throw new InvalidOperationException("master went away");
            }

            sent.Add(NumberOf(op));
            return Task.CompletedTask;
        }));

        Assert.Equal("master went away", error.Message);
        Assert.Equal([0, 1, 2, 3], sent);
        Assert.Equal([4, 5, 6, 7, 8, 9], (await outbox.PeekAsync(100)).Select(NumberOf));

        var resumed = new List<int>();
        Assert.Equal(6, await outbox.DrainAsync((op, _) => { resumed.Add(NumberOf(op)); return Task.CompletedTask; }));
        Assert.Equal([4, 5, 6, 7, 8, 9], resumed);
    }

    [Fact]
    public async Task OpenAsync_Reopen_KeepsEverythingOnDisk()
    {
        using var folder = new TempFolder();
        var options = new OfflineOutboxOptions { Path = Path.Combine(folder.Path, "outbox.db") };
        var cid = Block.Create(new byte[] { 5 }).Cid;
        await using (var outbox = await OfflineOutbox.OpenAsync(options))
        {
            await outbox.EnqueueAsync(OutboxOperation.Pin(cid));
            await outbox.EnqueueAsync(OutboxOperation.AddContent([1, 2]));
            await outbox.EnqueueAsync(Numbered(3));
            await Assert.ThrowsAsync<TimeoutException>(() =>
                outbox.DrainAsync((op, _) => op.Kind == OutboxOperationKind.Pin ? Task.CompletedTask : throw new TimeoutException()));
        }

        await using var reopened = await OfflineOutbox.OpenAsync(options);
        var after = await reopened.PeekAsync(10);
        Assert.Equal(2, after.Count);
        Assert.Equal(OutboxOperationKind.AddContent, after[0].Kind);
        Assert.Equal([1, 2], after[0].Payload.ToArray());
        Assert.Equal(3, NumberOf(after[1]));

        // A new enqueue after reopening still sorts after what was there.
        var next = await reopened.EnqueueAsync(Numbered(4));
        Assert.True(next.Sequence > after[1].Sequence);
    }

    [Fact]
    public async Task Pin_WithPolicy_KeptAcrossReopenParkAndRequeue_SentWithIt()
    {
        using var folder = new TempFolder();
        var options = new OfflineOutboxOptions { Path = Path.Combine(folder.Path, "outbox.db") };
        var cid = Block.Create(new byte[] { 7 }).Cid;
        var policy = new PinOptions
        {
            Mode = PinMode.Direct, ReplicationMin = 2, ReplicationMax = 3, Name = "readings",
            Metadata = new Dictionary<string, string> { ["site"] = "lyon" }, RequiredTags = ["ssd"], PreferredTags = ["eu"],
        };
        await using (var outbox = await OfflineOutbox.OpenAsync(options))
        {
            await outbox.EnqueueAsync(OutboxOperation.Pin(cid, policy));
            await outbox.EnqueueAsync(OutboxOperation.Pin(cid, new PinOptions { Mode = PinMode.Direct }));
            Assert.Equal(0, await outbox.DrainAsync((op, _) => throw new IpfsKitOperationRefusedException("refused")));
        }

        await using var reopened = await OfflineOutbox.OpenAsync(options);
        var parked = await reopened.GetParkedAsync();
        Assert.Equal(2, parked.Count);
        AssertPolicy(parked[0].Operation);
        Assert.Null(parked[1].Operation.Policy); // a policy of defaults is a plain pin
        Assert.Equal(2, await reopened.RequeueAllParkedAsync());
        AssertPolicy((await reopened.PeekAsync(1))[0]);

        var sent = new List<OutboxOperation>();
        Assert.Equal(2, await reopened.DrainAsync((op, _) => { sent.Add(op); return Task.CompletedTask; }));
        AssertPolicy(sent[0]);
        Assert.Equal(PinMode.Direct, sent[1].PinMode);

        void AssertPolicy(OutboxOperation op)
        {
            Assert.Equal((OutboxOperationKind.Pin, PinMode.Direct), (op.Kind, op.PinMode));
            var kept = op.Policy!;
            Assert.Equal((2, 3, "readings", "lyon"), (kept.ReplicationMin, kept.ReplicationMax, kept.Name, kept.Metadata!["site"]));
            Assert.Equal(["ssd"], kept.RequiredTags!);
            Assert.Equal(["eu"], kept.PreferredTags!);
        }
    }

    [Fact]
    public async Task EnqueueAsync_StampsTimeFromTimeProvider()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
        await using var outbox = await OfflineOutbox.OpenAsync(new OfflineOutboxOptions { TimeProvider = time });
        var stored = await outbox.EnqueueAsync(Numbered(1));
        Assert.Equal(time.GetUtcNow(), stored.EnqueuedAt);
        Assert.Equal(time.GetUtcNow(), (await outbox.PeekAsync(1))[0].EnqueuedAt);
    }

    [Fact]
    public void Pin_IndirectOrEmpty_Throws()
    {
        Assert.Throws<ArgumentException>(() => OutboxOperation.Pin(default));
        Assert.Throws<ArgumentException>(() => OutboxOperation.Pin(Block.Create(new byte[] { 1 }).Cid, PinMode.Indirect));
        Assert.Throws<ArgumentException>(() => OutboxOperation.Publish(string.Empty, [1]));
        Assert.Throws<IpfsKitPinPolicyException>(() => OutboxOperation.Pin(Block.Create(new byte[] { 1 }).Cid, new PinOptions { ReplicationMin = 3, ReplicationMax = 2 }));
    }
}
