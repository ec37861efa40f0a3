namespace IpfsKit.Testing.PeerRig;

/// <summary>One part of a multipart add: a file (with content) or a directory (content null). Paths use '/'.</summary>
public sealed record PeerAddEntry(string Path, byte[]? Content);

/// <summary>One NDJSON line of the peer's add response.</summary>
public sealed record PeerAddResult(string Name, string Hash, string Size);
