using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using IpfsKit.Content;
using IpfsKit.Content.UnixFs.Importing;
using IpfsKit.Roles.Coordination;
using IpfsKit.Transports;
using IpfsKit.Transports.KuboRpc;
using Xunit.Abstractions;
using IpfsKit.Testing.Streams;

namespace IpfsKit.Node.Tests.EndToEnd;

/// <summary>
/// Issue 12 (f): the master's spool budget. An add many times the budget streams: its complete subtrees are placed on
/// the workers while it runs and its writes wait while the spool is full, so the master's disk, sampled throughout,
/// stays within the budget plus the interior nodes it keeps; and concurrent adds wait their turn.
/// </summary>
[Trait("Category", "Elastic")]
[Trait("Category", "EndToEnd")]
public sealed class ElasticSpoolTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    /// <summary>
    /// 32 MiB (16 KiB chunks) through a 4 MiB budget, replication 2 over three workers. The sizes can be raised by hand
    /// for the issue's 2 GiB through 256 MiB (<c>IPFSKIT_TEST_STREAM_BYTES=2G IPFSKIT_TEST_STREAM_BUDGET=256M
    /// IPFSKIT_TEST_STREAM_CHUNK=262144</c>).
    /// </summary>
    [Fact]
    public Task Add_ManyTimesTheSpoolBudget_PlacedWhileItRunsMasterDiskWithinBudget() => RoleCluster.RunAsync(output, RunStreamAsync);

    /// <summary>Adds totalling 4.5 × the spool budget arrive at once: each waits its turn, all succeed, the disk stays bounded.</summary>
    [Fact]
    public Task ConcurrentAdds_AboveSpoolBudget_WaitForPlacementAndStayWithinBudgetPlusOneAdd() => RoleCluster.RunAsync(output, RunSpoolAsync);

    private async Task RunStreamAsync(RoleCluster cluster)
    {
        var fileBytes = Size("IPFSKIT_TEST_STREAM_BYTES", 32L << 20);
        var budget = Size("IPFSKIT_TEST_STREAM_BUDGET", 4L << 20);
        var chunk = (int)Size("IPFSKIT_TEST_STREAM_CHUNK", 16 << 10);
        var clock = Stopwatch.StartNew();
        var master = await cluster.StartMasterAsync(new Dictionary<string, string>
        {
            ["IpfsKit__Roles__SpoolBudget"] = budget.ToString(CultureInfo.InvariantCulture),
            ["IpfsKit__Roles__Replication"] = "2",
        });
        var workers = new[] { await cluster.StartWorkerAsync(), await cluster.StartWorkerAsync(), await cluster.StartWorkerAsync() };
        var link = cluster.MasterLink;
        await RoleCluster.EventuallyAsync(
            () => link.ListWorkersAsync(), w => w.Count(x => x.State == WorkerState.Alive) == 3, Patience, "three workers alive", cluster.Logs);
        Step($"master (spool budget {budget:N0} B, replication 2) and three workers up", clock);

        var masterApi = RoleCluster.Api(master);
        using var sampling = new CancellationTokenSource();
        var sampler = SampleMaxAsync(masterApi, sampling.Token);
        var import = new ImportOptions { CidVersion = 1, ChunkSize = chunk };
        var root = (await masterApi.AddAsync(new SeededRandomStream(12, fileBytes), new AddOptions { Import = import })).Cid;
        await sampling.CancelAsync();
        var (peak, samples) = await sampler;
        var kept = await masterApi.RepoStatAsync();
        Step($"added {fileBytes:N0} B ({(double)fileBytes / budget:0} × the budget); master peak {peak:N0} B over {samples} samples, {kept.RepoSize:N0} B kept after", clock);

        // Within the budget plus the interior nodes it keeps, plus a slack for the writes in flight (the importer's window).
        var bound = budget + kept.RepoSize + (1L << 20);
        Assert.True(peak <= bound, $"the master's disk stays within budget + interior + 1 MiB: peak {peak:N0} B > {bound:N0} B");
        Assert.True(peak >= budget / 4, $"the add did go through the spool: peak {peak:N0} B");
        Assert.True(kept.RepoSize < fileBytes / 50, $"the master keeps only interior nodes: {kept.RepoSize:N0} B");

        var pin = (await link.ListPinsAsync()).Single(p => p.Cid == root.ToString());
        Assert.Equal(MasterPinState.Placed, pin.State);
        var plan = await RoleCluster.PlanAsync(master, root);
        Assert.Equal(2, plan.Replication);
        Assert.Equal(2 * plan.TotalLeaves, plan.Placements.Sum(p => p.LeafCount));
        Assert.Equal(2, plan.LiveReplicas(_ => true));
        var sizes = await Task.WhenAll(workers.Select(async w => (await RoleCluster.Api(w).RepoStatAsync()).RepoSize));

        Step($"pin placed as the add returned: {plan.Placements.Count} ranges on {plan.Targets.Count} workers, replication {plan.Replication}; worker repos {string.Join(" / ", sizes.Select(s => s.ToString("N0", CultureInfo.InvariantCulture)))} B", clock);
        Assert.Equal(2.0 * fileBytes, sizes.Sum(), (double)fileBytes / 20);

        var expected = await SHA256.HashDataAsync(new SeededRandomStream(12, fileBytes));
        foreach (var (role, node) in new[] { ("master", master), ("worker", workers[0]) })
        {
            await using var body = await RoleCluster.Api(node).CatAsync(root);
            Assert.Equal(expected, await SHA256.HashDataAsync(body));
            Step($"cat through the {role}: SHA-256 equal", clock);
        }
    }

    /// <summary>
    /// A streamed add is cut once subtrees of it are on the workers: nothing of it is pinned anywhere, and what was placed
    /// for it is released and collected on the workers (their repos drop back near where they were).
    /// </summary>
    [Fact]
    public Task StreamedAdd_Cancelled_PlacedSubtreesReleasedOnWorkers() => RoleCluster.RunAsync(output, RunCancelAsync);

    private async Task RunCancelAsync(RoleCluster cluster)
    {
        const long Budget = 2L << 20, FileBytes = 64L << 20;
        var clock = Stopwatch.StartNew();
        var master = await cluster.StartMasterAsync(new Dictionary<string, string> { ["IPFS_KIT_SPOOL_BUDGET"] = "2M" });
        var workers = new[] { await cluster.StartWorkerAsync(), await cluster.StartWorkerAsync() };
        var link = cluster.MasterLink;
        await RoleCluster.EventuallyAsync(
            () => link.ListWorkersAsync(), w => w.Count(x => x.State == WorkerState.Alive) == 2, Patience, "two workers alive", cluster.Logs);
        var before = await WorkerBytesAsync(workers);
        Step($"master (IPFS_KIT_SPOOL_BUDGET=2M) and two workers up, worker repos {before:N0} B", clock);

        using var cut = new CancellationTokenSource();
        var import = new ImportOptions { CidVersion = 1, ChunkSize = 16 << 10 };
        var add = RoleCluster.Api(master).AddAsync(new SeededRandomStream(7, FileBytes), new AddOptions { Import = import }, null, cut.Token);
        // Any bytes on the workers while the add runs are streamed subtrees (nothing is pinned before the add ends); half
        // the budget is enough to show it without racing the add on a loaded machine (a quarter of 2 MiB per round there).
        var placed = await RoleCluster.EventuallyAsync(() => WorkerBytesAsync(workers), b => b >= before + (Budget / 2), Patience, "subtrees placed while the add runs", cluster.Logs);
        await cut.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => add);
        Step($"add cut once {placed - before:N0} B were on the workers", clock);

        var after = await RoleCluster.EventuallyAsync(
            () => WorkerBytesAsync(workers), b => b <= before + (1L << 20), Patience, "the placed subtrees are released and collected", cluster.Logs);
        Assert.Empty(await link.ListPinsAsync());
        var masterRepo = await RoleCluster.Api(master).RepoStatAsync();
        Assert.True(masterRepo.RepoSize < Budget, $"the master keeps nothing of the cut add: {masterRepo.RepoSize:N0} B");
        foreach (var worker in workers)
        {
            Assert.Empty(await RoleCluster.PinsOfAsync(worker));
        }

        Step($"released: worker repos back to {after:N0} B, no pin on the master or the workers", clock);
    }

    private static async Task<long> WorkerBytesAsync(HostProcess[] workers)
    {
        long bytes = 0;
        foreach (var worker in workers)
        {
            bytes += (await RoleCluster.Api(worker).RepoStatAsync()).RepoSize;
        }

        return bytes;
    }

    private async Task RunSpoolAsync(RoleCluster cluster)
    {
        const int Budget = 4 * 1024 * 1024, AddBytes = 3 * 1024 * 1024, Adds = 6;
        var clock = Stopwatch.StartNew();
        var master = await cluster.StartMasterAsync(new Dictionary<string, string> { ["IpfsKit__Roles__SpoolBudget"] = "4M" });
        _ = new[] { await cluster.StartWorkerAsync(), await cluster.StartWorkerAsync() };
        var link = cluster.MasterLink;
        await RoleCluster.EventuallyAsync(
            () => link.ListWorkersAsync(), w => w.Count(x => x.State == WorkerState.Alive) == 2, Patience, "two workers alive", cluster.Logs);
        Step("master (spool budget 4 MiB) and two workers up", clock);

        var masterApi = RoleCluster.Api(master);
        using var sampling = new CancellationTokenSource();
        var sampler = SampleMaxAsync(masterApi, sampling.Token);
        var contents = Enumerable.Range(0, Adds).Select(_ => RandomNumberGenerator.GetBytes(AddBytes)).ToList();
        var roots = await Task.WhenAll(contents.Select(async c => (await masterApi.AddAsync(new MemoryStream(c))).Cid));
        Step($"{Adds} concurrent adds of {AddBytes:N0} B ({(double)Adds * AddBytes / Budget:0.0} × the budget) all returned", clock);
        await RoleCluster.EventuallyAsync(
            () => link.ListPinsAsync(), p => roots.All(r => p.Single(x => x.Cid == r.ToString()).State == MasterPinState.Placed), Patience, "every add placed", cluster.Logs);
        await RoleCluster.EventuallyAsync(
            () => masterApi.RepoStatAsync(), r => r.RepoSize < Budget, Patience, "the spool drains", cluster.Logs);
        await sampling.CancelAsync();
        var (max, samples) = await sampler;
        Step($"all placed; the master's disk peaked at {max:N0} B over {samples} samples (budget {Budget:N0} B + one add {AddBytes:N0} B)", clock);

        Assert.True(max >= AddBytes / 2, $"the adds did go through the spool: peak {max:N0} B");
        Assert.True(max <= Budget + AddBytes + (64 * 1024), $"the master's disk stays within the budget plus one add: peak {max:N0} B");
        foreach (var (root, content) in roots.Zip(contents))
        {
            await using var body = await masterApi.CatAsync(root);
            Assert.Equal(SHA256.HashData(content), await SHA256.HashDataAsync(body));
        }

        Step($"the {Adds} files read back through the master, SHA-256 equal", clock);
    }

    private static long Size(string variable, long fallback) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } text ? Storage.ByteSize.Parse(text).Bytes : fallback;

    private static async Task<(long Max, int Samples)> SampleMaxAsync(KuboRpcTransport api, CancellationToken cancellationToken)
    {
        long max = 0;
        var samples = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        try
        {
            do
            {
                max = Math.Max(max, (await api.RepoStatAsync(cancellationToken)).RepoSize);
                samples++;
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        return (max, samples);
    }

    private void Step(string what, Stopwatch clock) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  {what}");
}
