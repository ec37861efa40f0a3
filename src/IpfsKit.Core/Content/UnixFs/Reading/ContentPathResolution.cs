namespace IpfsKit.Content.UnixFs.Reading;

/// <summary>Where a <see cref="ContentPath"/> ends (<see cref="UnixFsReader.ResolveAsync"/>).</summary>
/// <param name="Cid">The node at the end of the path.</param>
/// <param name="Nodes">The CID of every node on the way, root first, ending with <paramref name="Cid"/>.</param>
public sealed record ContentPathResolution(Cid Cid, IReadOnlyList<Cid> Nodes);
