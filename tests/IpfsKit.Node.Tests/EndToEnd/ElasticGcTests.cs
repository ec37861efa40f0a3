using System.Diagnostics;
using System.Security.Cryptography;
using IpfsKit.Blocks;
using IpfsKit.Roles.Coordination;
using IpfsKit.Transports;
using Xunit.Abstractions;

namespace IpfsKit.Node.Tests.EndToEnd;

/// <summary>
/// Issue 12 (d): a pin removed on the master leaves the workers' disks. The master releases the placements on each
/// worker and asks it to collect its garbage (<c>repo/gc</c>): every worker's repo size drops back to within 1 MiB of
/// its size before the add, within a few heartbeats. A worker whose store passes its high-water mark collects by itself.
/// </summary>
[Trait("Category", "Elastic")]
public sealed class ElasticGcTests(ITestOutputHelper output)
{
    private const long Slack = 1024 * 1024;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public Task PinRm_OnTheMaster_EveryWorkersRepoSizeDropsBackToBeforeTheAdd() => RoleCluster.RunAsync(output, RunAsync);

    private async Task RunAsync(RoleCluster cluster)
    {
        var clock = Stopwatch.StartNew();
        var master = await cluster.StartMasterAsync(new Dictionary<string, string> { ["IpfsKit__Roles__Replication"] = "2" });
        var workers = new[] { await cluster.StartWorkerAsync(), await cluster.StartWorkerAsync() };
        var link = cluster.MasterLink;
        await RoleCluster.EventuallyAsync(
            () => link.ListWorkersAsync(), w => w.Count(x => x.State == WorkerState.Alive) == 2, Patience, "two workers alive", cluster.Logs);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: master and two workers up");

        var before = await RepoSizesAsync(workers);
        var content = RandomNumberGenerator.GetBytes(4 * 1024 * 1024);
        var masterApi = RoleCluster.Api(master);
        var root = (await masterApi.AddAsync(new MemoryStream(content))).Cid;
        await RoleCluster.EventuallyAsync(
            () => link.ListPinsAsync(), p => p.Single(x => x.Cid == root.ToString()).State == MasterPinState.Placed, Patience, "the add is placed", cluster.Logs);
        var placed = await RepoSizesAsync(workers);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {content.Length:N0} B added and placed at replication 2; worker repo sizes before {Text(before)}, after placement {Text(placed)}");
        Assert.All(workers.Select((_, i) => i), i => Assert.True(placed[i] - before[i] >= content.Length / 2, $"worker {i} holds only {placed[i] - before[i]:N0} B of the file"));

        await masterApi.UnpinAsync(root);
        var removedAt = clock.Elapsed;
        var after = await RoleCluster.EventuallyAsync(
            () => RepoSizesAsync(workers),
            sizes => sizes.Select((size, i) => size - before[i] <= Slack).All(ok => ok),
            Patience,
            $"every worker's repo size back within {Slack:N0} B of {Text(before)}",
            cluster.Logs);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: pin rm on the master; {(clock.Elapsed - removedAt).TotalSeconds:0.0} s later the worker repo sizes are {Text(after)}");
    }

    [Fact]
    public Task Worker_StorePassesItsHighWaterMark_CollectsByItself() => RoleCluster.RunAsync(output, async cluster =>
    {
        var clock = Stopwatch.StartNew();
        await cluster.StartMasterAsync();
        var worker = await cluster.StartWorkerAsync(new Dictionary<string, string> { ["MAX_STORAGE"] = "4M", ["IpfsKit__Roles__GcHighWater"] = "0.5" });
        var api = RoleCluster.Api(worker);
        var kept = Block.Create(RandomNumberGenerator.GetBytes(256 * 1024));
        await api.PutBlockAsync(kept);
        await api.PinAsync(kept.Cid, PinMode.Direct);
        for (var i = 0; i < 10; i++)
        {
            await api.PutBlockAsync(Block.Create(RandomNumberGenerator.GetBytes(256 * 1024)));
        }

        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: 1 pinned and 10 unpinned blocks of 256 KiB put on a worker with a 4 MiB store and a 50 % high-water mark");
        var stat = await RoleCluster.EventuallyAsync(
            () => api.RepoStatAsync(), s => s.RepoSize == kept.Size, Patience, "the worker collects down to its pinned block", cluster.Logs);
        var metrics = PrometheusText.Parse(await worker.Client.GetStringAsync(new Uri("metrics", UriKind.Relative)));
        var collected = metrics.Where(m => m.Name.StartsWith("ipfskit_storage_gc_blocks", StringComparison.Ordinal)).Sum(m => m.Value);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: repo {stat.RepoSize:N0} B ({stat.NumObjects} block); ipfskit_storage_gc_blocks {collected}");
        Assert.True(collected >= 10, $"ipfskit.storage.gc.blocks counted {collected}");
        Assert.Equal(kept.Data.ToArray(), (await api.GetBlockAsync(kept.Cid)).Data.ToArray());
    });

    private static async Task<RepoSizes> RepoSizesAsync(HostProcess[] workers) =>
        new(await Task.WhenAll(workers.Select(async w => (await RoleCluster.Api(w).RepoStatAsync()).RepoSize)));

    private static string Text(RepoSizes sizes) => sizes.ToString();

    /// <summary>The workers' repo sizes, in order; printed as they are when a wait times out.</summary>
    private sealed record RepoSizes(long[] Bytes)
    {
        public long this[int index] => Bytes[index];

        public IEnumerable<T> Select<T>(Func<long, int, T> selector) => Bytes.Select(selector);

        public override string ToString() => string.Join(" / ", Bytes.Select(s => $"{s:N0} B"));
    }
}
