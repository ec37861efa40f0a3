using IpfsKit.Errors;

namespace IpfsKit.Transports;

/// <summary>What an <see cref="IIpfsTransport"/> can do. Calling an operation outside its capabilities throws <see cref="IpfsKitNotSupportedException"/>.</summary>
[Flags]
public enum TransportCapabilities
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary><see cref="IIpfsTransport.AddAsync"/>.</summary>
    Add = 1 << 0,

    /// <summary><see cref="IIpfsTransport.CatAsync"/> and <see cref="IIpfsTransport.ListAsync"/>.</summary>
    Read = 1 << 1,

    /// <summary><see cref="IIpfsTransport.GetBlockAsync"/> and <see cref="IIpfsTransport.StatBlockAsync"/>.</summary>
    BlockRead = 1 << 2,

    /// <summary><see cref="IIpfsTransport.PutBlockAsync"/>.</summary>
    BlockWrite = 1 << 3,

    /// <summary><see cref="IIpfsTransport.PinAsync"/>, <see cref="IIpfsTransport.UnpinAsync"/> and <see cref="IIpfsTransport.ListPinsAsync"/>.</summary>
    Pins = 1 << 4,

    /// <summary><see cref="IIpfsTransport.PublishAsync"/> and <see cref="IIpfsTransport.SubscribeAsync"/>.</summary>
    PubSub = 1 << 5,

    /// <summary><see cref="IIpfsTransport.IdentifyAsync"/>.</summary>
    Identity = 1 << 6,

    /// <summary><see cref="IIpfsTransport.RepoStatAsync"/>.</summary>
    RepoStat = 1 << 7,

    /// <summary><see cref="IIpfsTransport.SwarmConnectAsync"/> and <see cref="IIpfsTransport.SwarmPeersAsync"/>.</summary>
    Swarm = 1 << 8,

    /// <summary><see cref="IIpfsTransport.CollectGarbageAsync"/>.</summary>
    GarbageCollection = 1 << 9,

    /// <summary>Everything a full node does.</summary>
    All = Add | Read | BlockRead | BlockWrite | Pins | PubSub | Identity | RepoStat | Swarm | GarbageCollection,
}
