namespace IpfsKit.Transports;

/// <summary>A connected peer.</summary>
/// <param name="PeerId">The peer's ID.</param>
/// <param name="Address">The multiaddress of the connection.</param>
public readonly record struct SwarmPeer(string PeerId, string Address);
