namespace IpfsKit.Node.Internal;

/// <summary>One row of <c>/api/v0/metadata/export</c>'s Parquet file: a pin and what the node knows of it.</summary>
internal sealed class PinMetadataRow
{
    /// <summary>Gets or sets the pinned root's CID, as the node prints it.</summary>
    public string Cid { get; set; } = "";

    /// <summary>Gets or sets the DAG's cumulative size in bytes (root block plus its links' Tsize).</summary>
    public long SizeBytes { get; set; }

    /// <summary>Gets or sets the pin type: <c>recursive</c> or <c>direct</c>.</summary>
    public string PinType { get; set; } = "";

    /// <summary>Gets or sets the exporting node's role: <c>master</c>, <c>worker</c> or <c>leecher</c>.</summary>
    public string Role { get; set; } = "";

    /// <summary>Gets or sets the targets holding the pin, comma-separated (a master's pinset); empty when unknown.</summary>
    public string Placement { get; set; } = "";

    /// <summary>Gets or sets the pin's name (a master's pin policy), or <see langword="null"/>.</summary>
    public string? Name { get; set; }

    /// <summary>Gets or sets the replicas below which the pin is under-replicated (-1: every member), or <see langword="null"/> off the master.</summary>
    public int? ReplicationMin { get; set; }

    /// <summary>Gets or sets the replicas the master aims for (-1: every member), or <see langword="null"/> off the master.</summary>
    public int? ReplicationMax { get; set; }

    /// <summary>Gets or sets the pin's key/value metadata as a JSON object, or <see langword="null"/> when it has none.</summary>
    public string? Metadata { get; set; }

    /// <summary>Gets or sets when the pin was made (UTC), or <see langword="null"/> when the node did not record it.</summary>
    public DateTime? PinnedAt { get; set; }

    /// <summary>Gets or sets when the export ran (UTC).</summary>
    public DateTime ExportedAt { get; set; }
}
