using IpfsKit.Errors;

namespace IpfsKit.Tests.Transports;

/// <summary>Where a transport under <see cref="TransportContractTests"/> may differ from the embedded node.</summary>
public sealed record TransportContractOptions
{
    /// <summary>Gets whether unpinning a CID that is not pinned throws an <see cref="IpfsKitException"/> (Kubo: "not pinned or pinned indirectly").</summary>
    public bool UnpinOfUnpinnedThrows { get; init; } = true;

    /// <summary>Gets the size of the large add/cat round trip (100 MiB by default).</summary>
    public long LargeFileSize { get; init; } = 100L * 1024 * 1024;

    /// <summary>Gets how long a pubsub round trip may take.</summary>
    public TimeSpan PubSubTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
