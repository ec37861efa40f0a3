using IpfsKit.Testing.PeerRig;

namespace IpfsKit.Tests.Interop.PeerRig;

/// <summary>Tests in this collection share one real IPFS peer (xunit finds a collection's definition in the test assembly only).</summary>
[CollectionDefinition("IpfsPeer")]
public sealed class IpfsPeerCollection : ICollectionFixture<IpfsPeerFixture>
{
}
