using IpfsKit.Testing.PeerRig;
using static IpfsKit.Tests.Transports.KuboRpc.KuboTestClients;

namespace IpfsKit.Tests.Transports.KuboRpc;

/// <summary>Two js-ipfs peers of their own.</summary>
public sealed class TwoPeerFixture() : IpfsPeerFixture(2);

/// <summary>Tests in this collection share two real IPFS peers.</summary>
[CollectionDefinition("IpfsTwoPeers")]
public sealed class IpfsTwoPeersCollection : ICollectionFixture<TwoPeerFixture>
{
}

/// <summary>swarm/connect and swarm/peers between two daemons.</summary>
[Collection("IpfsTwoPeers")]
[Trait("Category", "Transport")]
public sealed class KuboRpcSwarmTests(TwoPeerFixture fixture)
{
    [Fact]
    public async Task SwarmConnect_SecondPeersAddress_BothListEachOther()
    {
        var first = Transport(fixture.Peers[0].ApiBase);
        var second = Transport(fixture.Peers[1].ApiBase);
        var firstId = await first.IdentifyAsync();
        var secondId = await second.IdentifyAsync();
        var address = secondId.Addresses.First(a => a.Contains("/tcp/", StringComparison.Ordinal) && !a.Contains("/ws", StringComparison.Ordinal));

        await first.SwarmConnectAsync(address);

        Assert.Contains(await first.SwarmPeersAsync(), p => p.PeerId == secondId.Id);
        Assert.Contains(await second.SwarmPeersAsync(), p => p.PeerId == firstId.Id);
    }
}
