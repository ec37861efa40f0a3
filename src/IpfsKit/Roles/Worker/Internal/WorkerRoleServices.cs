using Microsoft.Extensions.DependencyInjection;

namespace IpfsKit.Roles.Worker.Internal;

/// <summary>Registers the worker role's policy and background services.</summary>
internal static class WorkerRoleServices
{
    public static void Add(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
    }
}
