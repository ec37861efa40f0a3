using IpfsKit;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Configures IpfsKit after <c>services.AddIpfsKit()</c>: the transport, the cluster client, the HTTP clients.</summary>
public interface IIpfsKitBuilder
{
    /// <summary>Gets the service collection IpfsKit is registered in.</summary>
    IServiceCollection Services { get; }

    /// <summary>
    /// Gets the key of a keyed registration (<c>AddKeyedIpfsKit(key)</c>), which is also the name of its
    /// <see cref="IpfsKitOptions"/> and part of the names of its HttpClients.
    /// </summary>
    /// <value><see langword="null"/> for the unkeyed registration (<c>AddIpfsKit</c>).</value>
    string? Key { get; }
}
