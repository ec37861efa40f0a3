using IpfsKit.Testing.PeerRig;
using IpfsKit.Transports;
using IpfsKit.Transports.KuboRpc;

namespace IpfsKit.Tests.Transports.KuboRpc;

/// <summary>The shared transport contract against the Kubo RPC transport talking to a real js-ipfs daemon.</summary>
[Collection("IpfsPeer")]
[Trait("Category", "Transport")]
public sealed class KuboRpcContractTests(IpfsPeerFixture fixture) : TransportContractTests
{
    private readonly List<HttpClient> _clients = [];

    protected override Task<IIpfsTransport> CreateTransportAsync()
    {
        var http = new HttpClient { BaseAddress = fixture.Peer.ApiBase, Timeout = Timeout.InfiniteTimeSpan };
        _clients.Add(http);
        return Task.FromResult<IIpfsTransport>(new KuboRpcTransport(http));
    }

    protected override Task DisposeTransportAsync(IIpfsTransport transport)
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        return Task.CompletedTask;
    }
}
