using IpfsKit.Errors;
using IpfsKit.Testing.PeerRig;
using IpfsKit.Transports;
using IpfsKit.Transports.Gateway;

namespace IpfsKit.Tests.Transports.Gateway;

/// <summary>
/// The shared transport contract against the gateway transport: it is read-only, so the suite checks that every write
/// (add, block put, pins, pubsub) throws <see cref="IpfsKitNotSupportedException"/>; its reads are covered by
/// <see cref="GatewayTransportTests"/> over content added to the real peer.
/// </summary>
[Collection("IpfsPeer")]
[Trait("Category", "Transport")]
public sealed class GatewayContractTests(IpfsPeerFixture fixture) : TransportContractTests, IDisposable
{
    private readonly TestTrustlessGateway _gateway = new(fixture.Peer);
    private HttpClient? _http;

    public void Dispose()
    {
        _http?.Dispose();
        _gateway.Dispose();
    }

    protected override Task<IIpfsTransport> CreateTransportAsync()
    {
        _http = _gateway.CreateClient();
        return Task.FromResult<IIpfsTransport>(new GatewayTransport(_http));
    }
}
