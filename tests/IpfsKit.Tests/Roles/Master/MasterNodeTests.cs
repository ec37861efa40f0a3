using System.Text;
using IpfsKit.Content;
using IpfsKit.DependencyInjection;
using IpfsKit.Roles;
using IpfsKit.Roles.Coordination;
using IpfsKit.Roles.Master;
using IpfsKit.Transports;
using Microsoft.Extensions.DependencyInjection;

namespace IpfsKit.Tests.Roles.Master;

/// <summary>The master facade and role policy on an embedded master (no workers): forwarded operations once per key, local pins ingested.</summary>
[Trait("Category", "Roles")]
public sealed class MasterNodeTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ipfskit-master-node-").FullName;
    private ServiceProvider _provider = null!;

    private IIpfsKit Ipfs => _provider.GetRequiredService<IIpfsKit>();

    private MasterNode Master => _provider.GetRequiredService<MasterNode>();

    public Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddIpfsKit().UseEmbeddedNode(s => s.Path = _folder).UseRole(NodeRole.Master);
        _provider = services.BuildServiceProvider();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _provider.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

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
        var subscribed = new TaskCompletionSource();
        var listening = Task.Run(async () =>
        {
            try
            {
                var messages = Ipfs.SubscribeAsync(topic, stop.Token);
                subscribed.SetResult();
                await foreach (var message in messages)
                {
                    received.Add(Encoding.UTF8.GetString(message.Data.Span));
                }
            }
            catch (OperationCanceledException)
            {
                // the test is done
            }
        });
        await subscribed.Task;
        await Task.Delay(200);
        var publish = new ForwardedOperation(Guid.NewGuid(), 1, OutboxOperationKind.Publish, null, PinMode.Recursive, topic, "hello"u8.ToArray());

        Assert.True((await Master.ApplyAsync(publish)).Applied);
        Assert.False((await Master.ApplyAsync(publish)).Applied);
        await Task.Delay(500);
        await stop.CancelAsync();
        await listening;

        Assert.Equal(["hello"], received);
    }

    [Fact]
    public async Task ApplyAsync_PinWithoutCid_ThrowsFormatNamingTheCid()
    {
        var bad = new ForwardedOperation(Guid.NewGuid(), 1, OutboxOperationKind.Pin, "zzz", PinMode.Recursive, null, null);

        var ex = await Assert.ThrowsAsync<IpfsKitFormatException>(() => Master.ApplyAsync(bad));

        Assert.Contains("CID", ex.Message, StringComparison.Ordinal);
    }
}
