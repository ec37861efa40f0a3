using System.Diagnostics;
using IpfsKit.Content;
using IpfsKit.Roles.Leecher;
using IpfsKit.Testing.PeerRig;

namespace IpfsKit.Tests.Samples;

/// <summary>
/// The IoT gateway sample as a real process: on the embedded node with nothing else installed; against an unreachable
/// node (readings wait in the library's outbox); then against the real js-ipfs peer (the outbox drains in order, once,
/// and every reading ends up pinned on the peer); as a leecher of an unreachable master; and bad input (one line, no
/// stack trace, like the Quickstart's).
/// </summary>
[Collection("IpfsPeer")]
[Trait("Category", "Roles")]
[Trait("Category", "EndToEnd")]
public sealed class IoTGatewaySampleTests(IpfsPeerFixture fixture) : IDisposable
{
    private static readonly string SamplePath = StampedPath.Of("IoTGatewayPath");

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
        Assert.Contains("2 readings: 0 published, 2 queued, 4 waiting", errors, StringComparison.Ordinal); // a pin and a publish each
        Assert.Equal(4, await WaitingAsync("outbox.db"));

        (exit, output, errors) = await RunAsync("--count", "1", "--interval", "0", "--kubo", fixture.Peer.ApiBase.ToString());

        // The library replays what waited before the new reading's add: the node sees the readings in order.
        Assert.True(exit == 0, errors);
        Assert.Contains("1 readings: 1 published, 0 queued, 0 waiting", errors, StringComparison.Ordinal);
        Assert.Equal(0, await WaitingAsync("outbox.db"));
        var pins = await fixture.Peer.PinLsAsync();
        Assert.Contains(Published(output).Single().ToString(), pins.Keys);

        // A third run has nothing left to send: the queued readings went out once.
        (exit, _, errors) = await RunAsync("--count", "0", "--interval", "0", "--kubo", fixture.Peer.ApiBase.ToString());
        Assert.True(exit == 0, errors);
        Assert.Contains("0 readings: 0 published, 0 queued, 0 waiting", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Master_Unreachable_RunsAsALeecherAndQueuesInItsOutbox()
    {
        var (exit, output, errors) = await RunAsync("--count", "2", "--interval", "0", "--master", "http://127.0.0.1:1");

        Assert.True(exit == 0, errors);
        Assert.Equal(2, output.Split('\n').Count(l => l.Contains("node unreachable, queued", StringComparison.Ordinal)));
        Assert.Equal(4, await WaitingAsync(Path.Combine("blocks", "outbox.db"))); // the leecher's outbox: a pin and a publish each
    }

    [Theory]
    [InlineData(2, "--count", "many")]
    [InlineData(2, "--count")]
    [InlineData(2, "--interval", "-1")]
    [InlineData(2, "--no-such-option")]
    [InlineData(2, "--kubo", "localhost:5001")]
    [InlineData(2, "--kubo", "::not a url")]
    [InlineData(2, "--kubo", "http://127.0.0.1:5001", "--master", "http://127.0.0.1:8000")]
    [InlineData(1, "--ipfs-path-is-a-file")]
    public async Task BadInput_OneLineAndNonZeroExit_NoStackTrace(int exitCode, params string[] args)
    {
        string? ipfsPath = null;
        if (args is ["--ipfs-path-is-a-file"])
        {
            ipfsPath = Path.Combine(_data, "a-file");
            await File.WriteAllTextAsync(ipfsPath, "not a folder");
            args = ["--count", "1"];
        }

        var (exit, output, errors) = await RunAsync(ipfsPath, args);

        Assert.Equal(exitCode, exit);
        Assert.Equal(string.Empty, output);
        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1 && lines[0].StartsWith("IoTGateway: ", StringComparison.Ordinal), errors);
        Assert.DoesNotContain("   at ", errors, StringComparison.Ordinal);
        Assert.Contains(exitCode == 2 ? "usage: IoTGateway" : ipfsPath!, lines[0], StringComparison.Ordinal);
    }

    private static List<Cid> Published(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.Contains(" published on ", StringComparison.Ordinal))
            .Select(l => Cid.Parse(l.Split(' ')[2]))
            .ToList();

    private async Task<int> WaitingAsync(string relativePath)
    {
        await using var outbox = await OfflineOutbox.OpenAsync(new OfflineOutboxOptions { Path = Path.Combine(_data, relativePath) });
        return await outbox.CountAsync();
    }

    private Task<(int Exit, string Output, string Errors)> RunAsync(params string[] args) => RunAsync(null, args);

    private async Task<(int Exit, string Output, string Errors)> RunAsync(string? ipfsPath, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(SamplePath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["IPFS_PATH"] = ipfsPath ?? _data;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }
}
