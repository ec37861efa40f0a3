using System.Diagnostics;
using System.Net;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Tests.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace IpfsKit.Tests.Resilience;

/// <summary>
/// Remote failures name what was bad (real HTTP on loopback): a closed port names the configured endpoint, a node that
/// accepts but never answers names its address and the attempt timeout setting (<c>pin/ls</c>: <c>pin/add</c>
/// has no attempt timeout, its length is the DAG's); every remote client reports its client's timeout as unreachable.
/// </summary>
[Trait("Category", "Transport")]
public sealed class RemoteErrorTests(ITestOutputHelper output)
{
    private static readonly Cid Hello = Cid.Parse("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o");

    [Fact]
    public async Task KuboRpc_ClosedPort_ErrorNamesTheEndpoint()
    {
        var endpoint = new Uri($"http://127.0.0.1:{FreePorts.Next()}/");
        await using var services = Services(endpoint, TimeSpan.FromSeconds(5));
        var ipfs = services.GetRequiredService<IIpfsKit>();

        var add = await Assert.ThrowsAsync<IpfsKitRemoteException>(() => ipfs.AddAsync(new MemoryStream([1, 2, 3])));
        var pin = await Assert.ThrowsAsync<IpfsKitRemoteException>(() => ipfs.PinAsync(Hello));

        foreach (var error in new[] { add, pin })
        {
            Assert.Equal((RemoteErrorCode.Unreachable, (HttpStatusCode?)null), (error.ErrorCode, error.StatusCode));
            Assert.Contains(endpoint.ToString(), error.Message, StringComparison.Ordinal);
            Assert.Contains("IpfsKit:Endpoint", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task KuboRpc_NodeNeverAnswers_TimeoutNamesTheAddressAndTheSetting()
    {
        using var silent = new SilentServer();
        await using var services = Services(silent.Root, TimeSpan.FromMilliseconds(300));
        var ipfs = services.GetRequiredService<IIpfsKit>();

        var error = await Assert.ThrowsAsync<IpfsKitRemoteException>(() => FirstPinAsync(ipfs).WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.Null(error.StatusCode);
        Assert.Equal(RemoteErrorCode.Unreachable, error.ErrorCode);
        Assert.Contains(silent.Root.Authority, error.Message, StringComparison.Ordinal);
        Assert.Contains("0.3 s (IpfsKit:Resilience:AttemptTimeout)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RemoteCalls.Remotes), MemberType = typeof(RemoteCalls))]
    public async Task EveryRemote_NeverAnswersWithinTheClientTimeout_UnreachableNamingTheUrl(string remote)
    {
        using var silent = new SilentServer();
        using var http = new HttpClient { BaseAddress = silent.Root, Timeout = TimeSpan.FromMilliseconds(300) };
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<IpfsKitRemoteException>(() => RemoteCalls.CallAsync(remote, http).WaitAsync(TimeSpan.FromSeconds(20)));

        output.WriteLine($"{remote}: unreachable after {watch.ElapsedMilliseconds} ms ({silent.Accepted} connection(s) accepted): {error.Message}");
        Assert.Equal((RemoteErrorCode.Unreachable, (HttpStatusCode?)null), (error.ErrorCode, error.StatusCode));
        Assert.Contains(silent.Root.Authority, error.Message, StringComparison.Ordinal);
        Assert.Contains("no answer in time", error.Message, StringComparison.Ordinal);
    }

    private static async Task FirstPinAsync(IIpfsKit ipfs)
    {
        await foreach (var _ in ipfs.ListPinsAsync())
        {
            return;
        }
    }

    private static ServiceProvider Services(Uri endpoint, TimeSpan attemptTimeout) => new ServiceCollection()
        .AddIpfsKit(o =>
        {
            o.Resilience.MaxRetryAttempts = 0;
            o.Resilience.AttemptTimeout = attemptTimeout;
        })
        .UseKuboRpc(endpoint)
        .Services.BuildServiceProvider();
}
