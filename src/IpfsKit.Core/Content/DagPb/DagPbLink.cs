namespace IpfsKit.Content.DagPb;

/// <summary>A dag-pb link (PBLink): the child's CID, an optional name and an optional cumulative size.</summary>
/// <param name="Hash">The child's CID (field 1, required).</param>
/// <param name="Name">The link name (field 2); UnixFS files use <c>""</c>, directories the entry name.</param>
/// <param name="Tsize">The cumulative size of the child's DAG in bytes (field 3).</param>
public readonly record struct DagPbLink(Cid Hash, string? Name, ulong? Tsize);
