using IpfsKit.Storage;
using IpfsKit.Transports;
using IpfsKit.Transports.Embedded;

namespace IpfsKit.Tests.Transports.Embedded;

/// <summary>The transport contract against an embedded node with a disk tier in a real temporary folder.</summary>
[Trait("Category", "Transport")]
public sealed class EmbeddedTransportDiskTests : TransportContractTests
{
    private readonly TempFolder _folder = new();

    protected override async Task<IIpfsTransport> CreateTransportAsync() =>
        await EmbeddedTransport.OpenAsync(new EmbeddedTransportOptions
        {
            Storage = new StorageOptions { Path = _folder.Path, MaxMemory = ByteSize.FromMebibytes(16), Fsync = false },
        });

    protected override async Task DisposeTransportAsync(IIpfsTransport transport)
    {
        await base.DisposeTransportAsync(transport);
        _folder.Dispose();
    }
}
