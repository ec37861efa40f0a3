using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Roles;
using IpfsKit.Roles.Coordination;
using IpfsKit.Roles.Master.Internal;
using IpfsKit.Sharding;
using IpfsKit.Transports;
using IpfsKit.Transports.Embedded;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IpfsKit.Tests.Roles.Master;

/// <summary>
/// The master's reads of blocks it does not hold, while ranges move between workers (three in-process nodes stand for
/// them): a read never fails while some worker that the plans in force, or the stale placements not yet released,
/// name as a holder can give the block.
/// </summary>
[Trait("Category", "Roles")]
public sealed class MasterBlockSourceTests : IAsyncDisposable
{
    private static readonly string[] Workers = ["w-a", "w-b", "w-c"];
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly MasterStore _store;
    private readonly Dictionary<string, EmbeddedTransport> _nodes = [];
    private readonly byte[] _content = Testing.Streams.SeededRandomStream.Bytes(5, 3000);
    private MasterBlockSource? _reads;
    private Cid? _root;

    public MasterBlockSourceTests() =>
        _store = new MasterStore(Options.Create(new IpfsKitOptions { Roles = new RolesOptions { HeartbeatInterval = TimeSpan.FromSeconds(5) } }), _time);

    public async ValueTask DisposeAsync()
    {
        _reads?.Dispose();
        await _store.DisposeAsync();
        foreach (var node in _nodes.Values)
        {
            await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task GetAsync_RangeMovedAndReleasedAfterTheHoldersWereLearnt_ReadsFromTheNewHolder()
    {
        var (pinset, reads, root) = await PlacedOnAsync("w-a");
        Assert.NotNull(await reads.GetAsync(root)); // the holders are learnt: w-a

        // Within the same heartbeat, the range moves to w-c (verified there, plan saved) and w-a releases and collects it.
        await HoldAsync("w-c");
        await pinset.SetPlacedAsync(root, Plan(root, "w-c"));
        await pinset.RecordStaleAsync(Plan(root, "w-a"), "w-a");
        await ReleaseAsync("w-a");
        await pinset.ForgetStaleAsync(root, "w-a");

        var block = await reads.GetAsync(root);

        Assert.NotNull(block);
        Assert.Equal(root, block.Cid);
    }

    [Fact]
    public async Task GetAsync_NewHolderLostTheBlockBeforeTheOldWasReleased_ReadsFromTheStalePlacement()
    {
        var (pinset, reads, root) = await PlacedOnAsync("w-a");

        // The range moved to w-c, which no longer has it (it died and came back empty); w-a's placement is stale, not yet released.
        await pinset.SetPlacedAsync(root, Plan(root, "w-c"));
        await pinset.RecordStaleAsync(Plan(root, "w-a"), "w-a");

        var block = await reads.GetAsync(root);

        Assert.NotNull(block);
        Assert.Equal(root, block.Cid);
    }

    [Fact]
    public async Task GetAsync_NoWorkerNamedHoldsTheBlock_ReturnsNull()
    {
        var (pinset, reads, root) = await PlacedOnAsync("w-a");
        await pinset.SetPlacedAsync(root, Plan(root, "w-b"));
        await ReleaseAsync("w-a");
        await HoldAsync("w-c"); // held, but named by no plan: a master never asks it (it would ask the master back)

        Assert.Null(await reads.GetAsync(root));
    }

    /// <summary>Three workers joined; a one-block file held and planned on <paramref name="holder"/>.</summary>
    private async Task<(MasterPinset Pinset, MasterBlockSource Reads, Cid Root)> PlacedOnAsync(string holder)
    {
        var membership = await _store.MembershipAsync(default);
        foreach (var id in Workers)
        {
            _nodes[id] = await EmbeddedTransport.OpenAsync(new EmbeddedTransportOptions());
            await membership.JoinAsync(new WorkerJoinRequest(id, new Uri($"http://{id}.invalid/"), 1L << 30, 1L << 30));
        }

        var root = await HoldAsync(holder);
        _root = root;
        var pinset = await _store.PinsetAsync(default);
        await pinset.IngestAsync(root, PinMode.Recursive, "local");
        await pinset.SetPlacedAsync(root, Plan(root, holder));
        _reads = new MasterBlockSource(_store, WorkerTransports.Over(w => _nodes[w.WorkerId]));
        return (pinset, _reads, root);
    }

    private async Task<Cid> HoldAsync(string worker) => (await _nodes[worker].AddAsync(new MemoryStream(_content))).Cid;

    private async Task ReleaseAsync(string worker)
    {
        var root = _root!.Value;
        await _nodes[worker].UnpinAsync(root);
        await foreach (var _ in _nodes[worker].CollectGarbageAsync())
        {
        }

        await Assert.ThrowsAnyAsync<IpfsKitException>(() => _nodes[worker].GetBlockAsync(root));
    }

    private ShardPlan Plan(Cid root, string target) =>
        new(root, 1, _content.Length, 1, [new ShardPlacement(target, 0, 0, 1, _content.Length, [new ShardPin(root, Recursive: true)])]);
}
