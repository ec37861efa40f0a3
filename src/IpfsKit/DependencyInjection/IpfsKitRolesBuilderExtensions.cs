using IpfsKit;
using IpfsKit.Roles;
using IpfsKit.Roles.Leecher.Internal;
using IpfsKit.Roles.Master.Internal;
using IpfsKit.Roles.Worker.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Makes the node play a role: master, worker or leecher (see <see cref="RolesOptions"/>).</summary>
public static class IpfsKitRolesBuilderExtensions
{
    /// <summary>
    /// Adds a role's policy and background services to the node: the master keeps the pinset and the workers'
    /// membership and shards pins across workers; a worker joins the master, beats and holds what it is given; a
    /// leecher forwards adds and pins to the master, through its durable offline outbox when the master is unreachable.
    /// The background services run in a generic host (<c>IHost</c>).
    /// </summary>
    /// <param name="builder">The IpfsKit builder.</param>
    /// <param name="role">The role.</param>
    /// <param name="configure">Sets role options (MasterNode is required for workers and leechers). <value>The default value is <see langword="null"/>.</value></param>
    /// <returns>The builder.</returns>
    public static IIpfsKitBuilder UseRole(this IIpfsKitBuilder builder, NodeRole role, Action<RolesOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Key is not null)
        {
            throw new NotSupportedException($"A role is the node's own policy: call UseRole on AddIpfsKit(), not on the keyed client '{builder.Key}'.");
        }

        builder.Services.Configure<IpfsKitOptions>(o =>
        {
            o.Roles.Role = role;
            configure?.Invoke(o.Roles);
        });
        switch (role)
        {
            case NodeRole.Master:
                MasterRoleServices.Add(builder.Services);
                break;
            case NodeRole.Worker:
                WorkerRoleServices.Add(builder.Services);
                break;
            case NodeRole.Leecher:
                LeecherRoleServices.Add(builder.Services);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(role), role, "Not a role.");
        }

        return builder;
    }
}
