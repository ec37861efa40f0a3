using IpfsKit.Http.Internal;
using IpfsKit.Internal;
using IpfsKit.Roles.Internal;
using IpfsKit.Transports.KuboRpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IpfsKit.Roles.Leecher.Internal;

/// <summary>Registers the leecher role: the master link, the outbox, the forwarding transport and the agent.</summary>
internal static class LeecherRoleServices
{
    public static void Add(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        RoleHttpClients.AddMasterLink(services);
        services.TryAddSingleton<LeecherOutbox>();
        services.TryAddSingleton<ILeecherOutbox>(sp => sp.GetRequiredService<LeecherOutbox>());
        services.TryAddSingleton<IRoleTransportPolicy>(sp =>
        {
            var outbox = sp.GetRequiredService<LeecherOutbox>();
            return new RemoteRolePolicy(
                sp.GetRequiredKeyedService<KuboRpcTransport>(HttpClientNames.MasterLink),
                sp.GetRequiredService<MasterLinkState>(),
                local => new LeecherTransport(local, outbox),
                (cid, options, ct) => outbox.EnqueueAsync(OutboxOperation.Pin(cid, options), ct),
                sp.GetRequiredService<IOptions<IpfsKitOptions>>().Value.Roles.OfflineMode);
        });
        services.AddHostedService<LeecherAgent>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IpfsKitOptions>, EdgeOptionsValidator>());
    }
}
