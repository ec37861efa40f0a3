using Microsoft.Extensions.DependencyInjection;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>Registers the master role's policy and background services.</summary>
internal static class MasterRoleServices
{
    public static void Add(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
    }
}
