using IpfsKit.Storage;
using IpfsKit.Transports;

namespace IpfsKit;

/// <summary>The status of an IpfsKit client.</summary>
/// <param name="Transport">The transport's name.</param>
/// <param name="IsOnline">Whether the transport answered.</param>
/// <param name="Identity">The node's identity, when it answered and can tell.</param>
/// <param name="Repo">The node's repository figures, when it answered and can tell.</param>
/// <param name="Cache">The tiers' counters of the client's block store (the embedded node's storage, or the read cache).</param>
/// <param name="Error">Why the transport did not answer, when it did not.</param>
public sealed record IpfsKitStatus(
    string Transport,
    bool IsOnline,
    PeerIdentity? Identity,
    RepoStat? Repo,
    IReadOnlyList<BlockStoreStatistics> Cache,
    string? Error);
