using System.Text;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Roles.Coordination;
using IpfsKit.Roles.Leecher;
using IpfsKit.Roles.Master;
using IpfsKit.Testing.Roles;
using IpfsKit.Transports;
using Microsoft.Extensions.DependencyInjection;

namespace IpfsKit.Tests.Roles.Master;

/// <summary>The master facade and role policy on an embedded master (no workers): forwarded operations once per key, local pins ingested.</summary>
[Trait("Category", "Roles")]
public sealed class MasterNodeTests : IAsyncLifetime
{
    private const int MaxMembers = 2;
    private EmbeddedMaster _master = null!;

    private IIpfsKit Ipfs => _master.Services.GetRequiredService<IIpfsKit>();

    private MasterNode Master => _master.Services.GetRequiredService<MasterNode>();

    public Task InitializeAsync()
    {
        _master = new EmbeddedMaster(o => o.Roles.MaxMembers = MaxMembers);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _master.DisposeAsync().AsTask();

    [Fact]
    public async Task AddAndUnpin_ThroughTheFacade_EnterAndLeaveThePinset()
    {
        var added = await Ipfs.AddAsync(new MemoryStream("local add"u8.ToArray()));
        var unpinned = await Ipfs.AddAsync(new MemoryStream("not pinned"u8.ToArray()), AddOptions.Default with { Pin = false });

        var pin = Assert.Single(await Master.ListPinsAsync());
        Assert.Equal((added.Cid.ToString(), "local", MasterPinState.Pending), (pin.Cid, pin.Source, pin.State));
        Assert.NotEqual(unpinned.Cid, added.Cid);

        await Ipfs.UnpinAsync(added.Cid);

        Assert.Empty(await Master.ListPinsAsync());
    }

    [Fact]
    public async Task ApplyAsync_AddPinUnpinRepeated_EachKeyAppliedOnce()
    {
        var add = new ForwardedOperation(Guid.NewGuid(), 1, OutboxOperationKind.AddContent, null, PinMode.Recursive, null, "forwarded"u8.ToArray());
        var first = await Master.ApplyAsync(add);
        var again = await Master.ApplyAsync(add);
        var cid = Cid.Parse(first.Cid!);
        var pin = new ForwardedOperation(Guid.NewGuid(), 2, OutboxOperationKind.Pin, first.Cid, PinMode.Recursive, null, null);
        var unpin = new ForwardedOperation(Guid.NewGuid(), 3, OutboxOperationKind.Unpin, first.Cid, PinMode.Recursive, null, null);

        Assert.Equal((true, false, first.Cid), (first.Applied, again.Applied, again.Cid));
        Assert.True((await Master.ApplyAsync(pin)).Applied);
        Assert.False((await Master.ApplyAsync(pin)).Applied);
        Assert.Equal("forwarded", Assert.Single(await Master.ListPinsAsync()).Source);
        Assert.Contains(await Ipfs.ListPinsAsync(PinMode.Recursive).ToListAsync(), p => p.Cid == cid);

        Assert.True((await Master.ApplyAsync(unpin)).Applied);
        Assert.False((await Master.ApplyAsync(unpin)).Applied);
        Assert.Empty(await Master.ListPinsAsync());

        // The pin's key was applied before: re-sending it after the unpin does not pin again.
        Assert.False((await Master.ApplyAsync(pin)).Applied);
        Assert.Empty(await Master.ListPinsAsync());
    }

    [Fact]
    public async Task ApplyAsync_PublishRepeated_DeliveredOnce()
    {
        var topic = "master/" + Guid.NewGuid().ToString("N");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var received = new List<string>();
        var probed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var listening = Task.Run(async () =>
        {
            await foreach (var message in Ipfs.SubscribeAsync(topic, stop.Token))
            {
                var text = Encoding.UTF8.GetString(message.Data.Span);
                if (text == "probe")
                {
                    probed.TrySetResult();
                }
                else if (text == "end")
                {
                    ended.TrySetResult();
                    return;
                }
                else
                {
                    received.Add(text);
                }
            }
        });

        // The subscription is live once a probe gets through; messages on a topic arrive in publish order, so once
        // "end" (published after the forwarded publish was applied twice) arrives, every copy of "hello" has.
        while (!probed.Task.IsCompleted)
        {
            await Ipfs.PublishAsync(topic, "probe"u8.ToArray(), stop.Token);
            await Task.WhenAny(probed.Task, Task.Delay(50, stop.Token));
        }

        var publish = new ForwardedOperation(Guid.NewGuid(), 1, OutboxOperationKind.Publish, null, PinMode.Recursive, topic, "hello"u8.ToArray());

        Assert.True((await Master.ApplyAsync(publish)).Applied);
        Assert.False((await Master.ApplyAsync(publish)).Applied);
        await Ipfs.PublishAsync(topic, "end"u8.ToArray(), stop.Token);
        await ended.Task.WaitAsync(stop.Token);
        await listening;

        Assert.Equal(["hello"], received);
    }

    [Fact]
    public async Task PinAsync_ReplicationAboveMaxMembers_ThrowsTypedAndPinsNothing()
    {
        var added = await Ipfs.AddAsync(new MemoryStream("too many replicas"u8.ToArray()), AddOptions.Default with { Pin = false });

        var error = await Assert.ThrowsAsync<IpfsKitPinPolicyException>(() => Ipfs.PinAsync(added.Cid, new PinOptions { ReplicationMin = 1, ReplicationMax = 3 }));

        Assert.Equal((1, 3, MaxMembers), (error.ReplicationMin, error.ReplicationMax, error.MaxMembers));
        Assert.StartsWith("replication max 3 is above the 2 members", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Master.ListPinsAsync());
        Assert.DoesNotContain(await Ipfs.ListPinsAsync(PinMode.Recursive).ToListAsync(), p => p.Cid == added.Cid);
    }

    [Fact]
    public async Task ApplyAsync_PinWithPolicy_StoredWithThePin_AboveMaxMembersRefusedUnapplied()
    {
        var added = await Ipfs.AddAsync(new MemoryStream("forwarded with a policy"u8.ToArray()), AddOptions.Default with { Pin = false });
        var policy = new PinOptions { ReplicationMin = 1, ReplicationMax = 2, Name = "readings", Metadata = new Dictionary<string, string> { ["site"] = "lyon" }, RequiredTags = ["ssd"] };
        var tooMany = new ForwardedOperation(Guid.NewGuid(), 1, OutboxOperationKind.Pin, added.Cid.ToString(), PinMode.Recursive, null, null, policy with { ReplicationMax = 5 });
        var pin = new ForwardedOperation(Guid.NewGuid(), 2, OutboxOperationKind.Pin, added.Cid.ToString(), PinMode.Recursive, null, null, policy);

        await Assert.ThrowsAsync<IpfsKitPinPolicyException>(() => Master.ApplyAsync(tooMany));
        Assert.Empty(await Master.ListPinsAsync());
        Assert.True((await Master.ApplyAsync(pin)).Applied);

        var stored = Assert.Single(await Master.ListPinsAsync()).Policy!;
        Assert.Equal((1, 2, "readings", "lyon", "ssd"), (stored.ReplicationMin, stored.ReplicationMax, stored.Name, stored.Metadata!["site"], Assert.Single(stored.RequiredTags!)));
    }

    [Fact]
    public async Task JoinAsync_BeyondMaxMembers_RefusedWhileAKnownWorkerRejoins()
    {
        WorkerJoinRequest Join(int n) => new($"w{n}", new Uri($"http://127.0.0.1:{4000 + n}/"), 1 << 30, 1 << 30);
        await Master.JoinAsync(Join(1));
        await Master.JoinAsync(Join(2));

        var refused = await Assert.ThrowsAsync<IpfsKitOperationRefusedException>(() => Master.JoinAsync(Join(3)));
        Assert.Contains("2 members", refused.Message, StringComparison.Ordinal);
        await Master.JoinAsync(Join(1)); // a member coming back is not a new one
        Assert.True(await Master.LeaveAsync("w2"));
        await Master.JoinAsync(Join(3)); // a member that left frees its place

        Assert.Equal(["w1", "w2", "w3"], (await Master.ListWorkersAsync()).Select(w => w.WorkerId).Order());
    }

    [Fact]
    public async Task ApplyAsync_PinWithoutCid_ThrowsFormatNamingTheCid()
    {
        var bad = new ForwardedOperation(Guid.NewGuid(), 1, OutboxOperationKind.Pin, "zzz", PinMode.Recursive, null, null);

        var ex = await Assert.ThrowsAsync<IpfsKitFormatException>(() => Master.ApplyAsync(bad));

        Assert.Contains("CID", ex.Message, StringComparison.Ordinal);
    }
}
