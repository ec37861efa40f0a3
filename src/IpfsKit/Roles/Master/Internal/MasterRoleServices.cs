using IpfsKit.Http.Internal;
using IpfsKit.Internal;
using IpfsKit.Roles.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>
/// Registers the master role: its durable state (opened lazily on first use), the transport policy that ingests the
/// node's pins, the public <see cref="MasterNode"/> and <see cref="MasterCoordinator"/>, the named HTTP client of the
/// worker transports, the hosted service that runs a coordination pass every heartbeat interval, the one that polls the
/// stock Kubo daemons it counts as members, and, for the master of a
/// sub-cluster, the link to its parent master.
/// </summary>
internal static class MasterRoleServices
{
    public static void Add(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        RemoteHttpClients.Add(services, WorkerTransports.HttpClientName, (_, client) => client.Timeout = TimeSpan.FromMinutes(5), resilience: null);
        services.TryAddSingleton<MasterStore>();
        services.TryAddSingleton<WorkerTransports>();
        services.TryAddSingleton<MasterBlockSource>();
        services.TryAddSingleton<LeafDropper>();
        services.TryAddSingleton<SpoolGate>();
        services.TryAddSingleton<IRoleTransportPolicy, MasterTransportPolicy>();
        services.TryAddSingleton(sp => new MasterNode(sp.GetRequiredService<MasterStore>(), sp.GetRequiredService<TransportProvider>(), sp.GetRequiredService<LeafDropper>()));
        services.TryAddSingleton(sp => new MasterEndpoints(sp.GetRequiredService<MasterNode>()));
        services.TryAddSingleton(sp => new MasterCoordinator(
            sp.GetRequiredService<MasterStore>(),
            sp.GetRequiredService<TransportProvider>(),
            sp.GetRequiredService<WorkerTransports>(),
            sp.GetRequiredService<ILogger<MasterCoordinator>>())
        {
            Spool = new MasterSpoolStep(sp.GetRequiredService<LeafDropper>(), sp.GetRequiredService<MasterBlockSource>(), sp.GetRequiredService<SpoolGate>()),
        });
        services.AddHostedService<MasterCoordinatorService>();
        services.AddHostedService<PolledMembers>(); // the stock Kubo daemons of Roles:KuboWorkers, polled as members

        // A master given a MasterNode is a sub-cluster's master: it joins its parent like a worker, reporting its
        // members' summed room, and reads up what none of its members holds.
        RoleHttpClients.AddMasterLink(services);
        services.TryAddSingleton<IMemberReporter, SubClusterReporter>();
        services.AddHostedService<ParentLink>();
    }

    /// <summary>The link of a sub-cluster's master to its parent: a member's join and heartbeats; nothing for a root.</summary>
    private sealed class ParentLink(IServiceProvider services, MasterStore store) : IHostedService, IDisposable
    {
        // Its own drain state (never asked to drain: `worker drain` is a worker's; the host's drain endpoint stays a worker's only).
        private readonly Worker.Internal.WorkerAgent? _agent = store.Options.MasterNode is null
            ? null
            : ActivatorUtilities.CreateInstance<Worker.Internal.WorkerAgent>(services, new Worker.Internal.WorkerDrain(services.GetRequiredService<Coordination.MasterLinkClient>()));

        public Task StartAsync(CancellationToken cancellationToken) => _agent?.StartAsync(cancellationToken) ?? Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => _agent?.StopAsync(cancellationToken) ?? Task.CompletedTask;

        public void Dispose() => _agent?.Dispose();
    }
}
