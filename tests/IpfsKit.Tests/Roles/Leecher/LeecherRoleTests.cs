using System.Text;
using IpfsKit.Errors;
using IpfsKit.Roles;
using IpfsKit.Roles.Leecher;
using IpfsKit.Roles.Leecher.Internal;
using IpfsKit.Transports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IpfsKit.Tests.Roles.Leecher;

/// <summary>
/// The leecher's policy with its master unreachable (a closed loopback port; the agent is not started, so nothing is
/// sent): what it does with adds, pins and publishes, on a real embedded node and a real SQLite outbox on disk. Its
/// behaviour with a live master is covered by the multi-process test in IpfsKit.Node.Tests.
/// </summary>
[Trait("Category", "Roles")]
public sealed class LeecherRoleTests : IDisposable
{
    private static readonly Uri NoMaster = new("http://127.0.0.1:9/");
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ipfskit-leecher-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task AddAsync_Offline_KeepsContentPinnedLocallyAndQueuesItsPin()
    {
        await using var services = Leecher();
        var ipfs = services.GetRequiredService<IIpfsKit>();

        var added = await ipfs.AddAsync(new MemoryStream(Encoding.UTF8.GetBytes("{\"celsius\":21.5}")));

        Assert.False(ipfs.IsOnline);
        var queued = await (await services.GetRequiredService<LeecherOutbox>().GetAsync(default)).PeekAsync(10);
        var operation = Assert.Single(queued);
        Assert.Equal(OutboxOperationKind.Pin, operation.Kind);
        Assert.Equal(added.Cid, operation.Cid);
        var local = await ipfs.GetTransportAsync();
        Assert.Contains(await local.ListPinsAsync().ToListAsync(), p => p.Cid == added.Cid);
        await using var read = await ipfs.CatAsync(added.Cid);
        Assert.Equal("{\"celsius\":21.5}", await new StreamReader(read).ReadToEndAsync());
    }

    [Fact]
    public async Task PinUnpinPublish_Offline_QueuedInOrderNothingPinnedLocally()
    {
        await using var services = Leecher();
        var ipfs = services.GetRequiredService<IIpfsKit>();
        var cid = IpfsKit.Blocks.Block.Create("elsewhere"u8.ToArray()).Cid;

        await ipfs.PinAsync(cid);
        await ipfs.UnpinAsync(cid);
        await ipfs.PublishAsync("iot/sensor/readings", "QmReading"u8.ToArray());

        var queued = await (await services.GetRequiredService<LeecherOutbox>().GetAsync(default)).PeekAsync(10);
        Assert.Equal([OutboxOperationKind.Pin, OutboxOperationKind.Unpin, OutboxOperationKind.Publish], queued.Select(q => q.Kind));
        Assert.Equal(cid, queued[0].Cid);
        Assert.Equal("iot/sensor/readings", queued[2].Topic);
        Assert.DoesNotContain(await (await ipfs.GetTransportAsync()).ListPinsAsync().ToListAsync(), p => p.Cid == cid);
    }

    [Fact]
    public async Task PinAsync_QueueFull_ThrowsOutboxFullAndKeepsTheQueue()
    {
        await using var services = Leecher(maxQueue: 2);
        var ipfs = services.GetRequiredService<IIpfsKit>();
        var cids = Enumerable.Range(0, 3).Select(i => IpfsKit.Blocks.Block.Create(new[] { (byte)i }).Cid).ToList();

        await ipfs.PinAsync(cids[0]);
        await ipfs.PinAsync(cids[1]);
        var full = await Assert.ThrowsAsync<IpfsKitOutboxFullException>(() => ipfs.PinAsync(cids[2]));

        Assert.Equal(2, full.Capacity);
        var queued = await (await services.GetRequiredService<LeecherOutbox>().GetAsync(default)).PeekAsync(10);
        Assert.Equal(cids.Take(2), queued.Select(q => q.Cid));
    }

    [Fact]
    public async Task AddAsync_QueueFull_ThrowsAndReleasesTheLocalHold()
    {
        await using var services = Leecher(maxQueue: 1);
        var ipfs = services.GetRequiredService<IIpfsKit>();
        await ipfs.AddAsync(new MemoryStream([1]));

        await Assert.ThrowsAsync<IpfsKitOutboxFullException>(() => ipfs.AddAsync(new MemoryStream([2])));

        var pins = await (await ipfs.GetTransportAsync()).ListPinsAsync().ToListAsync();
        Assert.Single(pins, p => p.Mode == PinMode.Recursive);
    }

    [Fact]
    public async Task Outbox_ServiceRestarted_StillHoldsTheQueuedOperations()
    {
        IpfsKit.Content.Cid added;
        await using (var first = Leecher())
        {
            added = (await first.GetRequiredService<IIpfsKit>().AddAsync(new MemoryStream([1, 2, 3]))).Cid;
        }

        await using var second = Leecher();
        var queued = await (await second.GetRequiredService<LeecherOutbox>().GetAsync(default)).PeekAsync(10);
        Assert.Equal(added, Assert.Single(queued).Cid);
        Assert.Contains(await (await second.GetRequiredService<IIpfsKit>().GetTransportAsync()).ListPinsAsync().ToListAsync(), p => p.Cid == added);
    }

    [Fact]
    public async Task Outbox_OpenFailsThenTheFileIsFreed_NextCallOpens()
    {
        var blocked = Directory.CreateDirectory(Path.Combine(_folder, "outbox.db")); // a folder where the database goes
        await using var services = Leecher();
        var outbox = services.GetRequiredService<ILeecherOutbox>();

        var first = await Assert.ThrowsAsync<IpfsKitStorageException>(() => outbox.CountQueuedAsync());
        Assert.Contains("outbox.db", first.Message, StringComparison.Ordinal);
        blocked.Delete();

        Assert.Equal(0, await outbox.CountQueuedAsync());
    }

    [Theory]
    [InlineData(NodeRole.Worker)]
    [InlineData(NodeRole.Leecher)]
    public async Task UseRole_WithoutMasterNode_FailsValidationNamingIt(NodeRole role)
    {
        await using var services = new ServiceCollection().AddIpfsKit().UseEmbeddedNode().UseRole(role).Services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<IpfsKitOptions>>().Value);

        Assert.Contains("MasterNode", error.Message, StringComparison.Ordinal);
    }

    private ServiceProvider Leecher(int maxQueue = 100) => LeecherServices.Build(_folder, r =>
    {
        r.MasterNode = NoMaster;
        r.MaxOfflineQueue = maxQueue;
    });
}
