using IpfsKit.Content;
using IpfsKit.IpfsCluster;
using IpfsKit.Roles.Coordination;
using IpfsKit.Transports.Gateway;
using IpfsKit.Transports.KuboRpc;

namespace IpfsKit.Tests.Http;

/// <summary>One read-only call of each remote client (Kubo RPC, IPFS Cluster REST, trustless gateway, master link) on a given client.</summary>
internal static class RemoteCalls
{
    /// <summary>The remotes, as theory data.</summary>
    public static TheoryData<string> Remotes => new() { "kubo", "cluster", "gateway", "master" };

    private static readonly Cid Hello = Cid.Parse("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o");

    /// <summary>Calls <paramref name="remote"/> through <paramref name="http"/> (its base address is the remote's root).</summary>
    public static Task CallAsync(string remote, HttpClient http) => remote switch
    {
        "kubo" => new KuboRpcTransport(http).IdentifyAsync(),
        "cluster" => new IpfsClusterClient(http).IdAsync(),
        "gateway" => new GatewayBlockSource(http).GetAsync(Hello).AsTask(),
        "master" => new MasterLinkClient(http).ListWorkersAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(remote), remote, null),
    };
}
