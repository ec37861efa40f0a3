using IpfsKit.Http.Internal;
using IpfsKit.Roles.Coordination;
using IpfsKit.Transports.KuboRpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IpfsKit.Roles.Internal;

/// <summary>
/// The master link's HTTP client (base address <see cref="RolesOptions.MasterNode"/>, bearer token). No resilience
/// pipeline: the agents' loops retry at their own pace, and a circuit breaker would hide the master's return.
/// </summary>
internal static class RoleHttpClients
{
    /// <summary>How long one call to the master may take (the largest is a 1 MiB block).</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    public static void AddMasterLink(IServiceCollection services)
    {
        RemoteHttpClients.Add(
                services,
                HttpClientNames.MasterLink,
                (sp, client) =>
                {
                    if (sp.GetRequiredService<IOptions<IpfsKitOptions>>().Value.Roles.MasterNode is { } master)
                    {
                        client.BaseAddress = RemoteHttpClients.Root(master);
                    }

                    client.Timeout = CallTimeout;
                },
                resilience: null)
            .AddHttpMessageHandler(sp => new BearerTokenHandler(() => sp.GetRequiredService<IOptions<IpfsKitOptions>>().Value.Roles.ApiToken));
        services.TryAddSingleton<MasterLinkState>();
        services.TryAddSingleton<IMasterLinkMonitor>(sp => sp.GetRequiredService<MasterLinkState>());
        services.TryAddSingleton(sp => new MasterLinkClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientNames.MasterLink)));
        services.TryAddKeyedSingleton<KuboRpcTransport>(HttpClientNames.MasterLink, (sp, _) =>
            new KuboRpcTransport(sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientNames.MasterLink)));
    }
}
