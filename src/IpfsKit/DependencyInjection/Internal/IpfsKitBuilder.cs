using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IpfsKit.DependencyInjection.Internal;

internal sealed class IpfsKitBuilder(IServiceCollection services, string? key = null) : IIpfsKitBuilder
{
    public IServiceCollection Services { get; } = services;

    public string? Key { get; } = key;

    /// <summary>Gets the name of the builder's <see cref="IpfsKitOptions"/>: the key, or the default name.</summary>
    public static string OptionsName(IIpfsKitBuilder builder) => builder.Key ?? Options.DefaultName;
}
