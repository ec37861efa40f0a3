namespace IpfsKit.Tests.Interop.PeerRig;

/// <summary>Tests in this collection share one real IPFS peer.</summary>
[CollectionDefinition("IpfsPeer")]
public sealed class IpfsPeerCollection : ICollectionFixture<IpfsPeerFixture>
{
}
