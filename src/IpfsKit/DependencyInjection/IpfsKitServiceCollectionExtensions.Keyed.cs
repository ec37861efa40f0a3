using IpfsKit;
using IpfsKit.DependencyInjection.Internal;
using IpfsKit.Diagnostics.Internal;
using IpfsKit.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Keyed registrations: several IpfsKit clients in one app, each with its own options, HttpClients and pipeline.</summary>
public static partial class IpfsKitServiceCollectionExtensions
{
    /// <summary>
    /// Registers a keyed <see cref="IIpfsKit"/> (and <see cref="IpfsKit.IpfsCluster.IpfsClusterClient"/>), resolved with
    /// <c>[FromKeyedServices(key)]</c> or <c>GetRequiredKeyedService&lt;IIpfsKit&gt;(key)</c>, beside the unkeyed one
    /// and other keyed ones: a Kubo client, a gateway client and an embedded node can live side by side. Its options
    /// are the named options <paramref name="key"/>, validated at start with messages naming the key; its HttpClients
    /// are <c>IpfsKit.KuboRpc:key</c> etc., each with its own resilience pipeline. Roles are not available to keyed clients.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="key">The service key and options name; not empty.</param>
    /// <returns>A builder to choose the client's transport and configure its HTTP clients.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty.</exception>
    public static IIpfsKitBuilder AddKeyedIpfsKit(this IServiceCollection services, string key) => services.AddKeyedIpfsKit(key, configure: null);

    /// <summary>Registers a keyed <see cref="IIpfsKit"/> with options set in code (see <see cref="AddKeyedIpfsKit(IServiceCollection, string)"/>).</summary>
    /// <param name="services">The services.</param>
    /// <param name="key">The service key and options name; not empty.</param>
    /// <param name="configure">Sets the options; <see langword="null"/> for the embedded node with memory storage.</param>
    /// <returns>A builder to choose the client's transport and configure its HTTP clients.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty.</exception>
    public static IIpfsKitBuilder AddKeyedIpfsKit(this IServiceCollection services, string key, Action<IpfsKitOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(key);
        services.AddOptions<IpfsKitOptions>(key).Configure(configure ?? (static _ => { }));
        return AddKeyedCore(services, key);
    }

    /// <summary>Registers a keyed <see cref="IIpfsKit"/> with options bound from configuration (for example the section <c>IpfsKit:Clients:archive</c>).</summary>
    /// <param name="services">The services.</param>
    /// <param name="key">The service key and options name; not empty.</param>
    /// <param name="section">The configuration section.</param>
    /// <returns>A builder to choose the client's transport and configure its HTTP clients.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty.</exception>
    public static IIpfsKitBuilder AddKeyedIpfsKit(this IServiceCollection services, string key, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<IpfsKitOptions>(key).Bind(section);
        return AddKeyedCore(services, key);
    }

    private static IpfsKitBuilder AddKeyedCore(IServiceCollection services, string key)
    {
        AddShared(services, key);
        services.AddKeyedSingleton(key, static (sp, k) => new TransportProvider(
            Options.Options.Create(sp.GetRequiredService<IOptionsMonitor<IpfsKitOptions>>().Get((string)k!)),
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<TimeProvider>(),
            policy: null,
            key: (string)k!,
            metrics: sp.GetRequiredService<IpfsKitMetrics>()));
        services.AddKeyedSingleton<IIpfsKit>(key, static (sp, k) => new IpfsKitClient(
            sp.GetRequiredKeyedService<TransportProvider>(k),
            sp.GetRequiredService<ILogger<IpfsKitClient>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddKeyedSingleton(key, static (sp, k) => sp.GetRequiredKeyedService<TransportProvider>(k).CreateClusterClient());
        return new IpfsKitBuilder(services, key);
    }
}
