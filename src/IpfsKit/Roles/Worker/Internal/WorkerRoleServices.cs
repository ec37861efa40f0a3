using IpfsKit.Http.Internal;
using IpfsKit.Internal;
using IpfsKit.Roles.Internal;
using IpfsKit.Transports.KuboRpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IpfsKit.Roles.Worker.Internal;

/// <summary>Registers the worker role: the master link, reads through the master, the join/heartbeat agent.</summary>
internal static class WorkerRoleServices
{
    public static void Add(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        RoleHttpClients.AddMasterLink(services);
        services.TryAddSingleton<IRoleTransportPolicy>(sp => new RemoteRolePolicy(
            sp.GetRequiredKeyedService<KuboRpcTransport>(HttpClientNames.MasterLink),
            sp.GetRequiredService<MasterLinkState>(),
            local => local));
        services.TryAddSingleton<WorkerDrain>();
        services.TryAddSingleton<IWorkerDrain>(sp => sp.GetRequiredService<WorkerDrain>());
        services.TryAddSingleton<IMemberReporter, WorkerReporter>();
        services.AddHostedService<WorkerAgent>();
    }
}
