using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using IpfsKit.Blocks;
using IpfsKit.Content.UnixFs.Reading;
using IpfsKit.Node.Tests.EndToEnd;
using IpfsKit.Roles.Coordination;
using IpfsKit.Transports.Gateway;
using Xunit.Abstractions;
using static IpfsKit.Node.Tests.Gateway.GatewayHttp;

namespace IpfsKit.Node.Tests.Gateway;

/// <summary>
/// Issue 15, item 3: a master's and a leecher's gateway serve what the members hold. A file added through the master
/// is placed on two workers and the master drops its leaves; the master's gateway then serves the file whole, by range
/// and as a CAR, fetching the leaves from the workers (each block verified on the way), and so does a leecher's.
/// </summary>
[Trait("Category", "Gateway")]
[Trait("Category", "EndToEnd")]
public sealed class GatewayClusterTests(ITestOutputHelper output)
{
    private const int FileBytes = 3 * 1024 * 1024;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    [Fact]
    public Task MasterWithoutLeaves_GatewayServesFileFromWorkers() => RoleCluster.RunAsync(output, RunAsync);

    private async Task RunAsync(RoleCluster cluster)
    {
        var clock = Stopwatch.StartNew();
        var master = await cluster.StartMasterAsync(new Dictionary<string, string> { ["IpfsKit__Roles__Replication"] = "2" });
        _ = new[] { await cluster.StartWorkerAsync(), await cluster.StartWorkerAsync() };
        var link = cluster.MasterLink;
        await RoleCluster.EventuallyAsync(
            () => link.ListWorkersAsync(), w => w.Count(x => x.State == WorkerState.Alive) == 2, Patience, "two workers alive", cluster.Logs);
        Step("master and two workers up", clock);

        var content = RandomNumberGenerator.GetBytes(FileBytes);
        var masterApi = RoleCluster.Api(master);
        var root = (await masterApi.AddAsync(new MemoryStream(content))).Cid;
        await RoleCluster.EventuallyAsync(
            () => link.ListPinsAsync(), p => p.Single(x => x.Cid == root.ToString()).State == MasterPinState.Placed, Patience, "the add is placed", cluster.Logs);
        var dropped = await RoleCluster.EventuallyAsync(
            () => masterApi.RepoStatAsync(), r => r.RepoSize < FileBytes / 10, Patience, "the master drops the leaves", cluster.Logs);
        Step($"added {FileBytes:N0} B through the master, placed on the workers; the master keeps {dropped.RepoSize:N0} B", clock);

        using (var whole = await GetAsync(master.Gateway, $"ipfs/{root}"))
        {
            Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
            Assert.Equal(SHA256.HashData(content), await SHA256.HashDataAsync(await whole.Content.ReadAsStreamAsync()));
        }

        using (var range = await GetAsync(master.Gateway, $"ipfs/{root}", ("Range", "bytes=2000000-2000999")))
        {
            Assert.Equal(HttpStatusCode.PartialContent, range.StatusCode);
            Assert.Equal(content.AsSpan(2_000_000, 1000).ToArray(), await range.Content.ReadAsByteArrayAsync());
        }

        var fromCar = new MemoryBlockStore();
        await foreach (var block in new GatewayTransport(master.Gateway).GetCarAsync(root))
        {
            await fromCar.PutAsync(block);
        }

        await using (var rebuilt = await new UnixFsReader(fromCar).OpenReadAsync(root))
        {
            Assert.Equal(SHA256.HashData(content), await SHA256.HashDataAsync(rebuilt));
        }

        Step($"the master's gateway: the whole file, a range and a CAR of {fromCar.Count} verified blocks, byte-exact, leaves from the workers", clock);

        var leecher = await cluster.StartLeecherAsync();
        using (var viaLeecher = await GetAsync(leecher.Gateway, $"ipfs/{root}"))
        {
            Assert.Equal(HttpStatusCode.OK, viaLeecher.StatusCode);
            Assert.Equal(SHA256.HashData(content), await SHA256.HashDataAsync(await viaLeecher.Content.ReadAsStreamAsync()));
        }

        Step("a leecher's gateway: the whole file byte-exact, through its master and the workers", clock);
        var after = await masterApi.RepoStatAsync();
        Assert.True(after.RepoSize < FileBytes / 10, $"serving did not put the leaves back on the master's disk: {after.RepoSize:N0} B");
    }

    private void Step(string what, Stopwatch clock) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  {what}");
}
