namespace IpfsKit.IpfsCluster;

/// <summary>
/// How to add through IPFS Cluster's <c>POST /add</c>: the query parameters <c>AddParamsFromQuery</c> in ipfs-cluster
/// <c>api/add.go</c> reads. Unset values are not sent: the cluster's defaults apply.
/// </summary>
public sealed record IpfsClusterAddOptions
{
    /// <summary>Gets the file name sent with the content.</summary>
    /// <value>The default value is <see langword="null"/>: <c>file</c>.</value>
    public string? FileName { get; init; }

    /// <summary>Gets the pin's name (<c>name</c>).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Name { get; init; }

    /// <summary>Gets <c>replication-min</c>.</summary>
    /// <value>The default value is <see langword="null"/>: the cluster's default.</value>
    public int? ReplicationMin { get; init; }

    /// <summary>Gets <c>replication-max</c>.</summary>
    /// <value>The default value is <see langword="null"/>: the cluster's default.</value>
    public int? ReplicationMax { get; init; }

    /// <summary>Gets the CID version (<c>cid-version</c>, 0 or 1).</summary>
    /// <value>The default value is <see langword="null"/>: 0.</value>
    public int? CidVersion { get; init; }

    /// <summary>Gets whether leaves are raw blocks (<c>raw-leaves</c>).</summary>
    /// <value>The default value is <see langword="null"/>: the cluster's default.</value>
    public bool? RawLeaves { get; init; }

    /// <summary>Gets the chunker, for example <c>size-262144</c> (<c>chunker</c>).</summary>
    /// <value>The default value is <see langword="null"/>: the cluster's default.</value>
    public string? Chunker { get; init; }

    /// <summary>Gets whether the blocks go only to the receiving peer's IPFS daemon (<c>local</c>).</summary>
    /// <value>The default value is <see langword="null"/>: <see langword="false"/>.</value>
    public bool? Local { get; init; }
}
