namespace IpfsKit.Transports;

/// <summary>A node's identity.</summary>
/// <param name="Id">The peer ID.</param>
/// <param name="Addresses">The multiaddresses it listens on.</param>
/// <param name="AgentVersion">The software it runs, for example <c>kubo/0.32.0</c>, <c>js-ipfs/0.66.1</c>, <c>ipfskit/1.0</c>.</param>
public sealed record PeerIdentity(string Id, IReadOnlyList<string> Addresses, string AgentVersion);
