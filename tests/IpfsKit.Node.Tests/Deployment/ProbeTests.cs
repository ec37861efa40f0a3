using System.Diagnostics;
using System.Net;
using System.Text.Json;
using IpfsKit.Node.Tests.EndToEnd;
using Xunit.Abstractions;

namespace IpfsKit.Node.Tests.Deployment;

/// <summary>
/// The probes the deployment files use, on real host processes: /health is liveness (200 while the process answers,
/// whatever its components say), /ready is readiness (false while the node cannot serve, true again when it can).
/// </summary>
[Trait("Category", "Deployment")]
public sealed class ProbeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Ready_WorkerWhoseMasterGoesAwayAndComesBack_FollowsTheLinkWhileHealthStays200()
    {
        await RoleCluster.RunAsync(output, async cluster =>
        {
            var clock = Stopwatch.StartNew();
            var master = await cluster.StartMasterAsync();
            var worker = await cluster.StartWorkerAsync(); // StartReadyAsync: ready means joined
            output.WriteLine($"{clock.ElapsedMilliseconds} ms: master and worker ready");

            await master.KillAsync();
            var notReady = await ReadyUntilAsync(worker, HttpStatusCode.ServiceUnavailable);
            output.WriteLine($"{clock.ElapsedMilliseconds} ms: master killed, worker not ready: {notReady}");
            Assert.Contains("the master is unreachable", notReady, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, await HealthStatusAsync(worker));

            await cluster.StartMasterAsync(new Dictionary<string, string> { ["IPFS_PATH"] = master.DataPath }); // a restart: same data
            await ReadyUntilAsync(worker, HttpStatusCode.OK);
            output.WriteLine($"{clock.ElapsedMilliseconds} ms: master back, worker ready again");
        });
    }

    [Fact]
    public async Task Ready_LeecherWithoutItsMaster_StaysReady()
    {
        await using var leecher = await HostProcess.StartReadyAsync(extra: RoleCluster.RoleEnvironment("leecher", new Uri("http://127.0.0.1:9/")));

        using var ready = await leecher.Client.GetAsync(new Uri("ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode); // it serves its cache and queues writes: what it is for
    }

    [Fact]
    public async Task Probes_StorageFolderGone_ReadyFalseHealthStill200()
    {
        var clock = Stopwatch.StartNew();
        await using var host = await HostProcess.StartReadyAsync();
        output.WriteLine($"{clock.ElapsedMilliseconds} ms: ready");

        Directory.Delete(host.DataPath, recursive: true); // the volume is gone under the running node
        var reason = await ReadyUntilAsync(host, HttpStatusCode.ServiceUnavailable);
        output.WriteLine($"{clock.ElapsedMilliseconds} ms: not ready: {reason}");

        Assert.Contains("IPFS_PATH is gone", reason, StringComparison.Ordinal);
        Assert.DoesNotContain(host.DataPath, reason, StringComparison.Ordinal); // /ready is open: no path
        using var health = await host.Client.GetAsync(new Uri("health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var json = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.Equal("unhealthy", json.RootElement.GetProperty("components").GetProperty("storage").GetProperty("status").GetString());
        Assert.False(Directory.Exists(host.DataPath), "the liveness probe writes nothing (it would recreate the folder)");
    }

    private static async Task<HttpStatusCode> HealthStatusAsync(HostProcess host)
    {
        using var health = await host.Client.GetAsync(new Uri("health", UriKind.Relative));
        return health.StatusCode;
    }

    /// <summary>Polls /ready until it answers <paramref name="status"/>; returns its body.</summary>
    private static Task<string> ReadyUntilAsync(HostProcess host, HttpStatusCode status) =>
        RoleCluster.EventuallyAsync(
            async () =>
            {
                using var ready = await host.Client.GetAsync(new Uri("ready", UriKind.Relative));
                return ready.StatusCode == status ? await ready.Content.ReadAsStringAsync() : "";
            },
            static body => body.Length > 0,
            TimeSpan.FromSeconds(30),
            $"/ready {(int)status}");
}
