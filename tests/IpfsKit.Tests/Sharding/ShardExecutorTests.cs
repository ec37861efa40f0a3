using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.UnixFs.Importing;
using IpfsKit.Errors;
using IpfsKit.Sharding;
using IpfsKit.Sharding.Execution;
using IpfsKit.Transports;
using IpfsKit.Transports.Embedded;
using static IpfsKit.Tests.Sharding.ShardingTestKit;

namespace IpfsKit.Tests.Sharding;

[Trait("Category", "Sharding")]
public sealed class ShardExecutorTests : IAsyncLifetime
{
    private readonly List<EmbeddedTransport> _nodes = [];
    private readonly Dictionary<string, CountingTransport> _targets = [];
    private MemoryBlockStore _origin = null!;
    private DagOutline _outline = null!;
    private ShardPlan _plan = null!;

    public async Task InitializeAsync()
    {
        // 40 leaves of 64 KiB under a balanced tree of fan-out 8: three levels, borders inside subtrees.
        Cid root;
        (_origin, root) = await ImportAsync((40 * 65_536) - 100, seed: 3, new ImportOptions { ChunkSize = 65_536, MaxLinks = 8 });
        _outline = await DagOutlineReader.ReadAsync(_origin, root);
        _plan = ShardPlanner.Plan(_outline, Flat(3), new ShardingOptions { LinkThreshold = 10, MinRangeBytes = 1 });
        for (var i = 0; i < 3; i++)
        {
            var node = await EmbeddedTransport.OpenAsync(new EmbeddedTransportOptions());
            _nodes.Add(node);
            _targets[$"peer-{i}"] = new CountingTransport(node);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task ExecuteAsync_FlatPlan_EveryBlockArrivesAndEveryPinIsInPlace()
    {
        using var executor = await ShardExecutor.OpenAsync();
        var reports = new List<ShardProgress>();

        var result = await executor.ExecuteAsync(_plan, Targets(), _origin, new SyncProgress(reports));

        result.EnsureSuccess();
        Assert.Equal(3, _plan.Placements.Select(p => p.Target).Distinct().Count());
        foreach (var placement in _plan.Placements)
        {
            var node = _nodes[int.Parse(placement.Target["peer-".Length..])];
            foreach (var cid in await NeededAsync(placement))
            {
                Assert.True(await node.Blocks.HasAsync(cid), $"{placement.Target} lacks {cid}");
            }

            var pins = new HashSet<(Cid, PinMode)>();
            await foreach (var pin in node.ListPinsAsync())
            {
                pins.Add((pin.Cid.ToV1(), pin.Mode));
            }

            Assert.Equal(placement.Pins.Select(p => (p.Cid.ToV1(), p.Recursive ? PinMode.Recursive : PinMode.Direct)).ToHashSet(), pins);
        }

        Assert.Equal(_plan.Placements.Count, reports.Max(r => r.PlacementsDone));
        Assert.Equal(result.BytesSent, reports.Max(r => r.BytesSent));
        Assert.Equal(_targets.Values.Sum(t => t.Puts), result.BlocksSent);
    }

    [Fact]
    public async Task ExecuteAsync_SecondRun_PutsAndPinsNothing()
    {
        using var executor = await ShardExecutor.OpenAsync();
        (await executor.ExecuteAsync(_plan, Targets(), _origin)).EnsureSuccess();
        var puts = _targets.Values.Sum(t => t.Puts);
        var pins = _targets.Values.Sum(t => t.Pins.Count);

        var again = await executor.ExecuteAsync(_plan, Targets(), _origin);

        again.EnsureSuccess();
        Assert.Equal(puts, _targets.Values.Sum(t => t.Puts));
        Assert.Equal(pins, _targets.Values.Sum(t => t.Pins.Count));
        Assert.All(again.Targets, t => Assert.Equal((0, 0L), (t.PlacementsApplied, t.BlocksSent)));
        Assert.Equal(_plan.Placements.Count, again.Targets.Sum(t => t.PlacementsSkipped));
    }

    [Fact]
    public async Task ExecuteAsync_CancelledMidRunThenReopened_CompletesWithoutRepeatingDonePins()
    {
        var database = Path.Combine(Path.GetTempPath(), $"ipfskit-shards-{Guid.NewGuid():N}.db");
        try
        {
            var options = new ShardExecutorOptions { DatabasePath = database, MaxParallelTargets = 1, MaxParallelBlocksPerTarget = 1 };
            using var cts = new CancellationTokenSource();
            _targets["peer-1"].BeforePut = n => { if (n == 5) cts.Cancel(); };
            using (var crashed = await ShardExecutor.OpenAsync(options))
            {
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => crashed.ExecuteAsync(_plan, Targets(), _origin, null, cts.Token));
            }

            _targets["peer-1"].BeforePut = null;
            var pinnedBefore = _targets.Values.SelectMany(t => t.Pins).ToList();
            Assert.NotEmpty(pinnedBefore);
            Assert.True(_targets["peer-2"].Puts == 0, "the run went on after the cancellation");

            using var resumed = await ShardExecutor.OpenAsync(options);
            var result = await resumed.ExecuteAsync(_plan, Targets(), _origin);

            result.EnsureSuccess();
            var total = _plan.Placements.Sum(p => p.Pins.Count);
            foreach (var (id, target) in _targets)
            {
                var expected = _plan.Placements.Where(p => p.Target == id).SelectMany(p => p.Pins).Count();
                Assert.Equal(expected, target.Pins.Count);
                Assert.Equal(target.Pins.Count, target.Pins.Distinct().Count());
            }

            Assert.Equal(total, _targets.Values.Sum(t => t.Pins.Count));
            var needed = new HashSet<Cid>();
            foreach (var placement in _plan.Placements.Where(p => p.Target == "peer-1"))
            {
                needed.UnionWith(await NeededAsync(placement));
            }

            // Only the blocks of the pin under way at the cancellation may be sent twice.
            Assert.InRange(_targets["peer-1"].Puts, needed.Count, needed.Count + 5);
            Assert.Equal(0, result.Targets.Single(t => t.Target == "peer-0").BlocksSent);
        }
        finally
        {
            File.Delete(database);
        }
    }

    [Fact]
    public async Task ExecuteAsync_OneTargetFails_MarksItFailedAndOthersComplete()
    {
        using var executor = await ShardExecutor.OpenAsync();
        var targets = Targets();
        targets["peer-1"] = new FailingTransport(_nodes[1]);

        var result = await executor.ExecuteAsync(_plan, targets, _origin);

        Assert.False(result.Succeeded);
        var failed = Assert.Single(result.Targets, t => !t.Succeeded);
        Assert.Equal("peer-1", failed.Target);
        Assert.IsType<IpfsKitRemoteException>(failed.Error);
        Assert.Throws<IpfsKitRemoteException>(result.EnsureSuccess);
        Assert.All(result.Targets.Where(t => t.Target != "peer-1"), t => Assert.Equal(1, t.PlacementsApplied));

        // Once the target is back, a re-run finishes only what is missing.
        var again = await executor.ExecuteAsync(_plan, Targets(), _origin);
        again.EnsureSuccess();
        Assert.Equal(1, again.Targets.Single(t => t.Target == "peer-1").PlacementsApplied);
        Assert.Equal(2, again.Targets.Sum(t => t.PlacementsSkipped));
    }

    private Dictionary<string, IIpfsTransport> Targets() => _targets.ToDictionary(p => p.Key, p => (IIpfsTransport)p.Value);

    private async Task<List<Cid>> NeededAsync(ShardPlacement placement)
    {
        var needed = new List<Cid>();
        foreach (var pin in placement.Pins)
        {
            needed.AddRange(pin.Recursive ? await DagCidsAsync(_origin, pin.Cid) : [pin.Cid]);
        }

        return needed;
    }

    private sealed class SyncProgress(List<ShardProgress> reports) : IProgress<ShardProgress>
    {
        public void Report(ShardProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }

    private sealed class FailingTransport(IIpfsTransport inner) : DelegatingIpfsTransport(inner)
    {
        public override Task PinAsync(Cid cid, PinMode mode = PinMode.Recursive, CancellationToken cancellationToken = default) =>
            throw new IpfsKitRemoteException("pin/add", System.Net.HttpStatusCode.InternalServerError, "disk full");
    }
}
