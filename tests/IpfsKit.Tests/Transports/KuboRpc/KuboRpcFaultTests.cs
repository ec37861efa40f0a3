using System.Diagnostics;
using IpfsKit.Errors;
using IpfsKit.Testing.Streams;
using IpfsKit.Transports;
using Xunit.Abstractions;
using static IpfsKit.Tests.Transports.KuboRpc.KuboTestClients;

namespace IpfsKit.Tests.Transports.KuboRpc;

/// <summary>The daemon dies mid-transfer (SIGKILL of its process group): the call ends promptly with a remote error, no hang.</summary>
[Collection("KuboPrivateDaemon")]
[Trait("Category", "Transport")]
public sealed class KuboRpcFaultTests(PrivateDaemonFixture daemon, ITestOutputHelper output)
{
    private const long LargeSize = 200L * 1024 * 1024;

    // Far more than the daemon can take before the kill lands, even when a busy machine delivers progress late
    // (with 200 MiB, a CI run once saw the add finish first); the kill ends the transfer long before its end.
    private const long HugeSize = 4L * 1024 * 1024 * 1024;
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Add_DaemonKilledDuringLargeAdd_RemoteExceptionPromptlyThenWorksAfterRestart()
    {
        var transport = Transport(daemon.ApiBase);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var progress = new Progress<AddProgress>(p =>
        {
            if (p.Bytes > 20 * 1024 * 1024)
            {
                started.TrySetResult();
            }
        });

        // The kill lands once the transfer is under way: the daemon reported progress, or (when a busy daemon is late
        // with its progress lines, as one CI run saw) the client has already sent 32 MiB of the body.
        var source = new SeededRandomStream(1, HugeSize);
        var add = transport.AddAsync(source, new AddOptions { Pin = false }, progress);
        var underWay = Stopwatch.StartNew();
        while (!started.Task.IsCompleted && source.Position < 32 * 1024 * 1024)
        {
            Assert.False(add.IsCompleted, $"the add ended before the kill: {add.Status} {add.Exception?.GetBaseException().Message}");
            Assert.True(underWay.Elapsed < TimeSpan.FromMinutes(3), $"the transfer did not start: {source.Position} B sent");
            await Task.Delay(50);
        }

        Assert.False(add.IsCompleted, "the add ended before the kill");
        output.WriteLine($"killing after {underWay.Elapsed}, {source.Position} B sent");
        var watch = Stopwatch.StartNew();
        await daemon.KillAsync();

        var error = await Assert.ThrowsAsync<IpfsKitRemoteException>(() => add.WaitAsync(Prompt));
        output.WriteLine($"add failed {watch.Elapsed} after the kill: {error.Message}");

        await AssertWorksAfterRestartAsync();
    }

    [Fact]
    public async Task Cat_DaemonKilledDuringLargeCat_RemoteExceptionPromptlyThenWorksAfterRestart()
    {
        var transport = Transport(daemon.ApiBase);
        var added = await transport.AddAsync(new SeededRandomStream(2, LargeSize), new AddOptions { Pin = false });
        await using var cat = await transport.CatAsync(added.Cid);
        var buffer = new byte[1024 * 1024];
        for (var i = 0; i < 10; i++)
        {
            await cat.ReadExactlyAsync(buffer);
        }

        var watch = Stopwatch.StartNew();
        await daemon.KillAsync();

        var error = await Assert.ThrowsAsync<IpfsKitRemoteException>(async () =>
        {
            while (await cat.ReadAsync(buffer) > 0)
            {
                Assert.True(watch.Elapsed < Prompt, "the cat did not end after the daemon died");
            }
        });
        output.WriteLine($"cat failed {watch.Elapsed} after the kill: {error.Message}");
        Assert.True(watch.Elapsed < Prompt, $"took {watch.Elapsed}");

        await AssertWorksAfterRestartAsync();
    }

    private async Task AssertWorksAfterRestartAsync()
    {
        var down = await Assert.ThrowsAsync<IpfsKitRemoteException>(() => Transport(daemon.ApiBase).IdentifyAsync());
        Assert.Null(down.StatusCode);

        await daemon.RestartAsync();

        var transport = Transport(daemon.ApiBase);
        Assert.NotEmpty((await transport.IdentifyAsync()).Id);
        var added = await transport.AddAsync(new SeededRandomStream(3, 1000));
        await using var cat = await transport.CatAsync(added.Cid);
        Assert.Equal(SeededRandomStream.Bytes(3, 1000), await ReadAllAsync(cat));
    }
}
