namespace IpfsKit.Roles;

/// <summary>
/// An IPFS Cluster the master counts as one member (a sub-cluster; <see cref="RolesOptions.ClusterMembers"/>,
/// IPFS_KIT_CLUSTER_MEMBERS): its room is the sum of its peers' <c>freespace</c> metrics; a range's blocks go in through
/// its IPFS proxy and its cover is pinned through its REST API, which replicates it over the cluster's peers.
/// </summary>
public sealed class IpfsClusterMemberEndpoint
{
    /// <summary>Gets or sets the cluster's REST API root, e.g. <c>http://10.0.1.5:9094</c>. Required. <value>The default value is <see langword="null"/>.</value></summary>
    public Uri? Url { get; set; }

    /// <summary>
    /// Gets or sets the cluster's IPFS proxy (the Kubo RPC API it forwards to its peer's daemon), where blocks are put
    /// and read. <value>The default value is <see langword="null"/>: the REST API's host on port 9095 (IPFS Cluster's default).</value>
    /// </summary>
    public Uri? ProxyUrl { get; set; }

    /// <summary>Gets or sets the value of the <c>Authorization</c> header sent to the cluster (its <c>basic_auth_credentials</c> or a JWT). <value>The default value is <see langword="null"/>: none.</value></summary>
    public string? Authorization { get; set; }

    /// <summary>Gets or sets the <c>replication-min</c> of the cluster pins. <value>The default value is <see langword="null"/>: the cluster's own.</value></summary>
    public int? ReplicationMin { get; set; }

    /// <summary>Gets or sets the <c>replication-max</c> of the cluster pins. <value>The default value is <see langword="null"/>: the cluster's own.</value></summary>
    public int? ReplicationMax { get; set; }

    /// <summary>Gets or sets the cluster's failure domain. <value>The default value is <see langword="null"/>.</value></summary>
    public string? Zone { get; set; }

    /// <summary>Gets or sets the cluster's tags, comma-separated. <value>The default value is <see langword="null"/>: no tags.</value></summary>
    public string? Tags { get; set; }

    /// <summary>Gets the proxy URL in use: <see cref="ProxyUrl"/>, or the REST API's host on port 9095.</summary>
    /// <returns>The IPFS proxy's root.</returns>
    public Uri EffectiveProxyUrl() =>
        ProxyUrl ?? new UriBuilder(Url ?? throw new InvalidOperationException("The cluster member has no Url.")) { Port = 9095, Path = "/" }.Uri;
}
