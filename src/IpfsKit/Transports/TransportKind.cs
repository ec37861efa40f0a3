namespace IpfsKit.Transports;

/// <summary>The transports an IpfsKit client can be configured with.</summary>
public enum TransportKind
{
    /// <summary>An IPFS node in this process over the tiered block store (<c>EmbeddedTransport</c>).</summary>
    Embedded,

    /// <summary>A Kubo (go-ipfs) node through its RPC API (<c>KuboRpcTransport</c>).</summary>
    KuboRpc,

    /// <summary>A trustless HTTP gateway, read-only (<c>GatewayTransport</c>).</summary>
    Gateway,
}
