using IpfsKit.Content;

namespace IpfsKit.Transports;

/// <summary>The result of an add.</summary>
/// <param name="Cid">The root CID.</param>
/// <param name="Name">The name the node reported (the file name, or the CID's text).</param>
/// <param name="DagSize">The cumulative size of the DAG in bytes (Kubo's <c>Size</c>: content plus encoding).</param>
public readonly record struct AddResult(Cid Cid, string Name, ulong DagSize);
