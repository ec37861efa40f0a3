using IpfsKit.Transports;
using IpfsKit.Transports.Embedded;

namespace IpfsKit.Tests.Transports.Embedded;

/// <summary>The transport contract against an embedded node with memory-only storage.</summary>
[Trait("Category", "Transport")]
public sealed class EmbeddedTransportMemoryTests : TransportContractTests
{
    protected override async Task<IIpfsTransport> CreateTransportAsync() =>
        await EmbeddedTransport.OpenAsync(new EmbeddedTransportOptions());
}
