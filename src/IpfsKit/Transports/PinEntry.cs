using IpfsKit.Content;

namespace IpfsKit.Transports;

/// <summary>One pin.</summary>
/// <param name="Cid">The pinned CID.</param>
/// <param name="Mode">The kind of pin.</param>
public readonly record struct PinEntry(Cid Cid, PinMode Mode);
