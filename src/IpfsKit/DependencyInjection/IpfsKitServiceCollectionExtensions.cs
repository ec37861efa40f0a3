using System.Diagnostics.Metrics;
using IpfsKit;
using IpfsKit.DependencyInjection.Internal;
using IpfsKit.Diagnostics.Internal;
using IpfsKit.Http.Internal;
using IpfsKit.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers IpfsKit in a service collection.</summary>
public static partial class IpfsKitServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IIpfsKit"/> with the embedded node (memory storage) unless configured otherwise.</summary>
    /// <param name="services">The services.</param>
    /// <returns>A builder to choose the transport and configure HTTP clients.</returns>
    public static IIpfsKitBuilder AddIpfsKit(this IServiceCollection services) => services.AddIpfsKit(static _ => { });

    /// <summary>Registers <see cref="IIpfsKit"/> with options set in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>A builder to choose the transport and configure HTTP clients.</returns>
    public static IIpfsKitBuilder AddIpfsKit(this IServiceCollection services, Action<IpfsKitOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<IpfsKitOptions>().Configure(configure);
        return AddCore(services);
    }

    /// <summary>Registers <see cref="IIpfsKit"/> with options bound from configuration (usually the section <c>IpfsKit</c>).</summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The configuration section; sizes accept <c>512M</c>, <c>4G</c>.</param>
    /// <returns>A builder to choose the transport and configure HTTP clients.</returns>
    public static IIpfsKitBuilder AddIpfsKit(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<IpfsKitOptions>().Bind(section);
        return AddCore(services);
    }

    private static IpfsKitBuilder AddCore(IServiceCollection services)
    {
        AddShared(services, key: null);
        services.TryAddSingleton<TransportProvider>();
        services.TryAddSingleton<IIpfsKit, IpfsKitClient>();
        services.TryAddSingleton(sp => sp.GetRequiredService<TransportProvider>().CreateClusterClient());
        return new IpfsKitBuilder(services);
    }

    /// <summary>What the unkeyed and each keyed registration need: options of their name validated and their storage folder checked at start, their HttpClients.</summary>
    private static void AddShared(IServiceCollection services, string? key)
    {
        var name = key ?? Options.Options.DefaultName;
        services.AddOptions<IpfsKitOptions>(name).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IpfsKitOptions>, IpfsKitOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton(static sp => new IpfsKitMetrics(sp.GetRequiredService<IMeterFactory>()));
        services.AddSingleton<Hosting.IHostedService>(sp => new StorageStartupCheck(sp.GetRequiredService<IOptionsMonitor<IpfsKitOptions>>(), name));
        AddRemoteClient(services, HttpClientNames.KuboRpc, name, key, o => o.Endpoint);
        AddRemoteClient(services, HttpClientNames.Gateway, name, key, o => o.Endpoint);
        AddRemoteClient(services, HttpClientNames.IpfsCluster, name, key, o => o.ClusterEndpoint);
    }

    private static void AddRemoteClient(IServiceCollection services, string clientName, string optionsName, string? key, Func<IpfsKitOptions, Uri?> endpoint)
    {
        RemoteHttpClients.Add(
            services,
            HttpClientNames.For(clientName, key),
            (sp, client) =>
            {
                if (endpoint(sp.GetRequiredService<IOptionsMonitor<IpfsKitOptions>>().Get(optionsName)) is { } uri)
                {
                    client.BaseAddress = RemoteHttpClients.Root(uri);
                }

                // Streams (add, cat, subscribe) outlive any fixed client timeout; the resilience handler times attempts.
                client.Timeout = Timeout.InfiniteTimeSpan;
            },
            sp => sp.GetRequiredService<IOptionsMonitor<IpfsKitOptions>>().Get(optionsName).Resilience);
    }
}
