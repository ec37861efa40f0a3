namespace IpfsKit.Roles;

/// <summary>
/// A stock Kubo daemon (or any node serving the Kubo RPC API, such as js-ipfs) that the master counts as a worker of its
/// own (<see cref="RolesOptions.KuboWorkers"/>, IPFS_KIT_KUBO_WORKERS): the master polls its <c>/api/v0/id</c> and
/// <c>/api/v0/repo/stat</c> every heartbeat interval and joins and beats on its behalf.
/// </summary>
public sealed class KuboWorkerEndpoint
{
    /// <summary>Gets or sets the daemon's RPC API root, e.g. <c>http://10.0.0.5:5001</c>. Required. <value>The default value is <see langword="null"/>.</value></summary>
    public Uri? Url { get; set; }

    /// <summary>
    /// Gets or sets the value of the <c>Authorization</c> header sent to this daemon (Kubo's <c>API.Authorizations</c>,
    /// e.g. <c>Bearer secret</c> or <c>Basic …</c>); the cluster's own token is never sent to it.
    /// <value>The default value is <see langword="null"/>: no Authorization header.</value>
    /// </summary>
    public string? Authorization { get; set; }

    /// <summary>Gets or sets the daemon's failure domain. <value>The default value is <see langword="null"/>.</value></summary>
    public string? Zone { get; set; }

    /// <summary>Gets or sets the daemon's tags, comma-separated (<c>ssd,eu</c>). <value>The default value is <see langword="null"/>: no tags.</value></summary>
    public string? Tags { get; set; }
}
