namespace IpfsKit.Deployment.Tests.Packaging;

/// <summary>The test classes that share one <see cref="PackedFeedFixture"/>: packing is slow, so it happens once a run.</summary>
[CollectionDefinition(Name)]
public sealed class PackedFeedCollection : ICollectionFixture<PackedFeedFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Packed feed";
}
