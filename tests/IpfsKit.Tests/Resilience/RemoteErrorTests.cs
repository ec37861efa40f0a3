using System.Net;
using System.Net.Sockets;
using IpfsKit.Content;
using IpfsKit.DependencyInjection;
using IpfsKit.Testing.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IpfsKit.Tests.Resilience;

/// <summary>
/// Remote failures name what was bad (real HTTP on loopback): a closed port names the configured endpoint, a node that
/// accepts but never answers names its address and the attempt timeout setting (<c>pin/ls</c>: <c>pin/add</c>
/// has no attempt timeout, its length is the DAG's).
/// </summary>
[Trait("Category", "Transport")]
public sealed class RemoteErrorTests
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
            Assert.Null(error.StatusCode);
            Assert.Contains(endpoint.ToString(), error.Message, StringComparison.Ordinal);
            Assert.Contains("IpfsKit:Endpoint", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task KuboRpc_NodeNeverAnswers_TimeoutNamesTheAddressAndTheSetting()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = new List<Socket>();
        var accepting = Task.Run(async () =>
        {
            while (true)
            {
                accepted.Add(await silent.AcceptSocketAsync());
            }
        });
        var endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/");
        await using var services = Services(endpoint, TimeSpan.FromMilliseconds(300));
        var ipfs = services.GetRequiredService<IIpfsKit>();

        var error = await Assert.ThrowsAsync<IpfsKitRemoteException>(() => FirstPinAsync(ipfs).WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.Null(error.StatusCode);
        Assert.Contains("127.0.0.1:" + endpoint.Port, error.Message, StringComparison.Ordinal);
        Assert.Contains("0.3 s (IpfsKit:Resilience:AttemptTimeout)", error.Message, StringComparison.Ordinal);
        silent.Stop();
        accepted.ForEach(s => s.Dispose());
        await Assert.ThrowsAnyAsync<Exception>(() => accepting.WaitAsync(TimeSpan.FromSeconds(20)));
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
