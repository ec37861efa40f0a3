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

    /// <summary>
    /// Item 3's other half: a leecher whose "master" answers every request with bytes that match no CID never serves
    /// them; the gateway answers 502 (the block failed verification), and the node stays up.
    /// </summary>
    [Fact]
    public async Task LyingMaster_BlockFailsVerification_502NeverTheBytes()
    {
        using var liar = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        liar.Start();
        using var stop = new CancellationTokenSource();
        var answering = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var socket = await liar.AcceptSocketAsync(stop.Token);
                await using var stream = new System.Net.Sockets.NetworkStream(socket);
                var buffer = new byte[64 * 1024];
                _ = await stream.ReadAsync(buffer, stop.Token); // the request (small: no body worth reading)
                await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 9\r\nConnection: close\r\n\r\nevil data"u8.ToArray(), stop.Token);
            }
        });
        var environment = RoleCluster.RoleEnvironment("leecher", new Uri($"http://127.0.0.1:{((IPEndPoint)liar.LocalEndpoint).Port}/"));
        await using var leecher = await HostProcess.StartReadyAsync(RoleCluster.Token, environment);

        var wanted = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy"; // "hello world\n" as a raw block
        foreach (var path in new[] { $"ipfs/{wanted}", $"ipfs/{wanted}?format=raw", $"ipfs/{wanted}?format=car" })
        {
            using var response = await GetAsync(leecher.Gateway, path);
            var body = await response.Content.ReadAsStringAsync();
            output.WriteLine($"{path}: {(int)response.StatusCode} {body.Trim()}");
            Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
            Assert.DoesNotContain("evil data", body, StringComparison.Ordinal);
        }

        Assert.False(leecher.HasExited);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => answering);
    }

    private void Step(string what, Stopwatch clock) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  {what}");
}
