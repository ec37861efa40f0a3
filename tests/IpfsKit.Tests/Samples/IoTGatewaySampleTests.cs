using System.Diagnostics;
using System.Reflection;
using IpfsKit.Content;
using IpfsKit.Roles;
using IpfsKit.Tests.Interop.PeerRig;

namespace IpfsKit.Tests.Samples;

/// <summary>
/// The IoT gateway sample as a real process: on the embedded node with nothing else installed; against an unreachable
/// node (readings wait in the outbox); then against the real js-ipfs peer (the outbox drains in order, once, and every
/// reading ends up pinned on the peer).
/// </summary>
[Collection("IpfsPeer")]
[Trait("Category", "Roles")]
[Trait("Category", "EndToEnd")]
public sealed class IoTGatewaySampleTests(IpfsPeerFixture fixture) : IDisposable
{
    private static readonly string SamplePath = typeof(IoTGatewaySampleTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "IoTGatewayPath").Value!;

    private readonly string _data = Directory.CreateTempSubdirectory("ipfskit-iot-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task NoArguments_EmbeddedNode_PublishesEveryReading()
    {
        var (exit, output, errors) = await RunAsync("--count", "3", "--interval", "0");

        Assert.True(exit == 0, errors);
        var cids = Published(output);
        Assert.Equal(3, cids.Count);
        Assert.Equal(3, cids.Distinct().Count());
        Assert.Contains("3 readings: 3 published, 0 queued", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NodeDownThenUp_OutboxDrainsInOrderExactlyOnce()
    {
        var (exit, output, errors) = await RunAsync("--count", "2", "--interval", "0", "--kubo", "http://127.0.0.1:1");
        Assert.True(exit == 0, errors);
        Assert.Equal(2, output.Split('\n').Count(l => l.Contains("queued", StringComparison.Ordinal)));
        Assert.Equal(2, await WaitingAsync());

        (exit, output, errors) = await RunAsync("--count", "1", "--interval", "0", "--kubo", fixture.Peer.ApiBase.ToString());

        Assert.True(exit == 0, errors);
        Assert.Contains("1 readings: 1 published, 0 queued, 2 sent from the outbox, 0 waiting", errors, StringComparison.Ordinal);
        Assert.Equal(0, await WaitingAsync());
        var pins = await fixture.Peer.PinLsAsync();
        Assert.Contains(Published(output).Single().ToString(), pins.Keys);

        // A third run has nothing left to send: the two queued readings went out once.
        (exit, _, errors) = await RunAsync("--count", "0", "--interval", "0", "--kubo", fixture.Peer.ApiBase.ToString());
        Assert.True(exit == 0, errors);
        Assert.Contains("0 sent from the outbox, 0 waiting", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadArgument_ExitsTwoWithUsage()
    {
        var (exit, _, errors) = await RunAsync("--count", "many");

        Assert.Equal(2, exit);
        Assert.Contains("--count takes a whole number", errors, StringComparison.Ordinal);
        Assert.Contains("usage: IoTGateway", errors, StringComparison.Ordinal);
    }

    private static List<Cid> Published(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.Contains(" published on ", StringComparison.Ordinal))
            .Select(l => Cid.Parse(l.Split(' ')[2]))
            .ToList();

    private async Task<int> WaitingAsync()
    {
        await using var outbox = await OfflineOutbox.OpenAsync(new OfflineOutboxOptions { Path = Path.Combine(_data, "outbox.db") });
        return await outbox.CountAsync();
    }

    private async Task<(int Exit, string Output, string Errors)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(SamplePath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["IPFS_PATH"] = _data;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }
}
