using IpfsKit.Resilience;
using IpfsKit.Roles;
using IpfsKit.Storage;
using IpfsKit.Transports;

namespace IpfsKit;

/// <summary>
/// Options of an IpfsKit client: which transport to use, the block cache (or the embedded node's storage) and the
/// resilience of remote calls. Binds from the configuration section <c>IpfsKit</c>.
/// </summary>
public sealed class IpfsKitOptions
{
    /// <summary>The configuration section these options bind from by default.</summary>
    public const string SectionName = "IpfsKit";

    /// <summary>Gets or sets which transport the client talks through.</summary>
    /// <value>The default value is <see cref="TransportKind.Embedded"/>: an in-process node, no daemon needed.</value>
    public TransportKind Transport { get; set; } = TransportKind.Embedded;

    /// <summary>Gets or sets the API root of the Kubo node (<see cref="TransportKind.KuboRpc"/>) or the gateway (<see cref="TransportKind.Gateway"/>).</summary>
    /// <value>The default value is <see langword="null"/>; required for the remote transports.</value>
    public Uri? Endpoint { get; set; }

    /// <summary>Gets or sets the IPFS Cluster REST API root, when an <c>IpfsClusterClient</c> is wanted.</summary>
    /// <value>The default value is <see langword="null"/>: no cluster client.</value>
    public Uri? ClusterEndpoint { get; set; }

    /// <summary>
    /// Gets the storage: the embedded node's block store, or the read cache in front of a remote transport (reads from
    /// Kubo or a gateway are kept in these tiers).
    /// </summary>
    /// <value>The default value is memory only (512 MiB), no disk tier: set <see cref="StorageOptions.Path"/> to keep blocks across restarts.</value>
    public StorageOptions Storage { get; set; } = new();

    /// <summary>Gets the resilience settings of remote calls (timeouts, retries of idempotent calls, circuit breaker).</summary>
    public IpfsKitResilienceOptions Resilience { get; set; } = new();

    /// <summary>Gets or sets the node's role and its settings (section <c>IpfsKit:Roles</c>); used once <c>UseRole</c> is called.</summary>
    /// <value>The default value is a <see cref="RolesOptions"/> with its defaults.</value>
    public RolesOptions Roles { get; set; } = new();
}
