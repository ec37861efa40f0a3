using Microsoft.Extensions.DependencyInjection;

namespace IpfsKit.DependencyInjection.Internal;

internal sealed class IpfsKitBuilder(IServiceCollection services) : IIpfsKitBuilder
{
    public IServiceCollection Services { get; } = services;
}
