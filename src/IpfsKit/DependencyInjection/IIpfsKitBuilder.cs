using Microsoft.Extensions.DependencyInjection;

namespace IpfsKit.DependencyInjection;

/// <summary>Configures IpfsKit after <c>services.AddIpfsKit()</c>: the transport, the cluster client, the HTTP clients.</summary>
public interface IIpfsKitBuilder
{
    /// <summary>Gets the service collection IpfsKit is registered in.</summary>
    IServiceCollection Services { get; }
}
