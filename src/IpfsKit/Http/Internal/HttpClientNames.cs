namespace IpfsKit.Http.Internal;

/// <summary>The names of the HttpClients IpfsKit registers with IHttpClientFactory.</summary>
internal static class HttpClientNames
{
    public const string KuboRpc = "IpfsKit.KuboRpc";
    public const string Gateway = "IpfsKit.Gateway";
    public const string IpfsCluster = "IpfsKit.IpfsCluster";

    /// <summary>The worker's or leecher's client of its master (RolesOptions.MasterNode).</summary>
    public const string MasterLink = "IpfsKit.MasterLink";

    /// <summary>The name of a client of a keyed registration (<c>AddKeyedIpfsKit</c>): its own handlers and pipeline.</summary>
    public static string For(string name, string? key) => string.IsNullOrEmpty(key) ? name : $"{name}:{key}";
}
