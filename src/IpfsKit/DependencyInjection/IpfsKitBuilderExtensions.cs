using IpfsKit;
using IpfsKit.DependencyInjection.Internal;
using IpfsKit.Http.Internal;
using IpfsKit.Storage;
using IpfsKit.Transports;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses and configures the transport of an <see cref="IIpfsKitBuilder"/>.</summary>
public static class IpfsKitBuilderExtensions
{
    /// <summary>Uses the embedded in-process node (the default).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configureStorage">Sets the node's storage (path, budgets). <value>The default value is <see langword="null"/>: memory only.</value></param>
    /// <returns>The builder.</returns>
    public static IIpfsKitBuilder UseEmbeddedNode(this IIpfsKitBuilder builder, Action<StorageOptions>? configureStorage = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<IpfsKitOptions>(IpfsKitBuilder.OptionsName(builder), o =>
        {
            o.Transport = TransportKind.Embedded;
            configureStorage?.Invoke(o.Storage);
        });
        return builder;
    }

    /// <summary>Uses a Kubo node through its RPC API; reads are cached in the storage tiers.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="apiEndpoint">The RPC API root, for example <c>http://127.0.0.1:5001</c>.</param>
    /// <param name="configureClient">Configures the named HttpClient (authentication or logging handlers). It already has IpfsKit's resilience pipeline (<c>IpfsKit:Resilience</c>): change that through the options; do not add a second one. <value>The default value is <see langword="null"/>.</value></param>
    /// <returns>The builder.</returns>
    public static IIpfsKitBuilder UseKuboRpc(this IIpfsKitBuilder builder, Uri apiEndpoint, Action<IHttpClientBuilder>? configureClient = null) =>
        UseRemote(builder, TransportKind.KuboRpc, apiEndpoint, HttpClientNames.KuboRpc, configureClient);

    /// <summary>Uses a trustless HTTP gateway (read-only); every block is verified and cached.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="gatewayEndpoint">The gateway root, for example <c>https://trustless-gateway.link</c>.</param>
    /// <param name="configureClient">Configures the named HttpClient (authentication or logging handlers). It already has IpfsKit's resilience pipeline (<c>IpfsKit:Resilience</c>): change that through the options; do not add a second one. <value>The default value is <see langword="null"/>.</value></param>
    /// <returns>The builder.</returns>
    public static IIpfsKitBuilder UseGateway(this IIpfsKitBuilder builder, Uri gatewayEndpoint, Action<IHttpClientBuilder>? configureClient = null) =>
        UseRemote(builder, TransportKind.Gateway, gatewayEndpoint, HttpClientNames.Gateway, configureClient);

    /// <summary>Registers an <c>IpfsClusterClient</c> for an IPFS Cluster REST API.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="restEndpoint">The REST API root, for example <c>http://127.0.0.1:9094</c>.</param>
    /// <param name="configureClient">Configures the named HttpClient (authentication or logging handlers). It already has IpfsKit's resilience pipeline (<c>IpfsKit:Resilience</c>): change that through the options; do not add a second one. <value>The default value is <see langword="null"/>.</value></param>
    /// <returns>The builder.</returns>
    public static IIpfsKitBuilder AddIpfsCluster(this IIpfsKitBuilder builder, Uri restEndpoint, Action<IHttpClientBuilder>? configureClient = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(restEndpoint);
        builder.Services.Configure<IpfsKitOptions>(IpfsKitBuilder.OptionsName(builder), o => o.ClusterEndpoint = restEndpoint);
        configureClient?.Invoke(builder.Services.AddHttpClient(HttpClientNames.For(HttpClientNames.IpfsCluster, builder.Key)));
        return builder;
    }

    private static IIpfsKitBuilder UseRemote(IIpfsKitBuilder builder, TransportKind kind, Uri endpoint, string clientName, Action<IHttpClientBuilder>? configureClient)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(endpoint);
        builder.Services.Configure<IpfsKitOptions>(IpfsKitBuilder.OptionsName(builder), o =>
        {
            o.Transport = kind;
            o.Endpoint = endpoint;
        });
        configureClient?.Invoke(builder.Services.AddHttpClient(HttpClientNames.For(clientName, builder.Key)));
        return builder;
    }
}
