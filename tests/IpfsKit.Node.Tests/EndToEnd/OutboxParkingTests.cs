using System.Text;
using System.Text.Json;
using IpfsKit.Content;
using IpfsKit.Content.UnixFs.Importing;
using IpfsKit.Node.Tests.Cli;
using IpfsKit.Transports;
using Xunit.Abstractions;

namespace IpfsKit.Node.Tests.EndToEnd;

/// <summary>
/// A leecher and a master host, real processes on loopback: the leecher queues a pin of content nobody holds; the
/// master refuses it for good (422), the leecher parks it and goes on with the next operations; the operator sees it
/// (health, <c>ipfs-kit outbox ls</c>), gives the master the content and requeues it (<c>ipfs-kit outbox retry</c>).
/// </summary>
[Trait("Category", "Roles")]
[Trait("Category", "Host")]
[Trait("Category", "EndToEnd")]
public sealed class OutboxParkingTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public Task PinOfContentNobodyHolds_ParkedNotBlocking_ThenRetriedOnceTheMasterHasIt() => RoleCluster.RunAsync(output, RunAsync);

    private async Task RunAsync(RoleCluster cluster)
    {
        var master = await cluster.StartMasterAsync();
        var leecher = await cluster.StartLeecherAsync();
        var leecherApi = RoleCluster.Api(leecher);
        var content = new byte[300_000];
        new Random(11).NextBytes(content);
        var missing = (await new UnixFsImporter(null, ImportOptions.UnixFsV0Of2015 with { OnlyHash = true }).AddFileAsync(new MemoryStream(content))).Cid;

        // A pin nobody can serve, then an ordinary reading queued behind it.
        await leecherApi.PinAsync(missing);
        var reading = (await leecherApi.AddAsync(new MemoryStream(Encoding.UTF8.GetBytes("{\"sensor\":\"t-1\",\"celsius\":21.5}")))).Cid;

        // The reading reaches the master although the pin before it was refused.
        var link = cluster.MasterLink;
        var pins = await RoleCluster.EventuallyAsync(
            () => link.ListPinsAsync(), p => p.Any(x => x.Cid == reading.ToString()), Patience, "the reading behind the refused pin reaches the master", cluster.Logs);
        Assert.DoesNotContain(pins, p => p.Cid == missing.ToString());

        var listed = await RoleCluster.EventuallyAsync(
            () => CliProcess.RunAsync(["outbox", "ls", .. CliProcess.At(leecher, RoleCluster.Token)]),
            r => r.StandardOutput.StartsWith("0 queued, 1 parked", StringComparison.Ordinal), Patience, "the refused pin is listed as parked");
        Assert.Equal(0, listed.ExitCode);
        var line = listed.StandardOutput.Split('\n')[1];
        output.WriteLine(listed.StandardOutput);
        Assert.Contains($"Pin {missing}", line, StringComparison.Ordinal);
        Assert.Contains("does not hold", line, StringComparison.Ordinal);
        var key = line.Split(' ')[0];
        Assert.True(Guid.TryParse(key, out _), line);

        using (var health = JsonDocument.Parse(await leecher.Client.GetStringAsync(new Uri("health", UriKind.Relative))))
        {
            var masterLink = health.RootElement.GetProperty("components").GetProperty("masterLink");
            Assert.Equal("degraded", masterLink.GetProperty("status").GetString());
            Assert.Contains("refused 1", masterLink.GetProperty("description").GetString(), StringComparison.Ordinal);
        }

        // Wrong uses: a key that names nothing, a node that has no outbox.
        var unknown = await CliProcess.RunAsync(["outbox", "retry", Guid.NewGuid().ToString(), .. CliProcess.At(leecher, RoleCluster.Token)]);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no parked operation", unknown.StandardError, StringComparison.Ordinal);
        var notLeecher = await CliProcess.RunAsync(["outbox", "ls", .. CliProcess.At(master, RoleCluster.Token)]);
        Assert.Equal(1, notLeecher.ExitCode);
        Assert.Contains("only a leecher", notLeecher.StandardError, StringComparison.Ordinal);
        var usage = await CliProcess.RunAsync(["outbox", "retry", .. CliProcess.At(leecher, RoleCluster.Token)]);
        Assert.Equal(2, usage.ExitCode);

        // The content reaches the master (stored, not pinned); the operator requeues the parked pin; it is applied.
        var stored = await RoleCluster.Api(master).AddAsync(new MemoryStream(content), new AddOptions { Pin = false });
        Assert.Equal(missing, stored.Cid);
        var retried = await CliProcess.RunAsync(["outbox", "retry", key, .. CliProcess.At(leecher, RoleCluster.Token)]);
        Assert.Equal(0, retried.ExitCode);
        Assert.Equal("requeued 1", retried.StandardOutput.Trim());

        pins = await RoleCluster.EventuallyAsync(
            () => link.ListPinsAsync(), p => p.Any(x => x.Cid == missing.ToString()), Patience, "the requeued pin is applied", cluster.Logs);
        Assert.Equal("forwarded", pins.Single(p => p.Cid == missing.ToString()).Source);
        var after = await CliProcess.RunAsync(["outbox", "ls", .. CliProcess.At(leecher, RoleCluster.Token)]);
        Assert.Equal("0 queued, 0 parked", after.StandardOutput.Trim());
        await RoleCluster.EventuallyAsync(
            () => leecher.Client.GetStringAsync(new Uri("health", UriKind.Relative)),
            h => JsonDocument.Parse(h).RootElement.GetProperty("status").GetString() == "healthy", Patience, "the leecher is healthy again");
    }
}
