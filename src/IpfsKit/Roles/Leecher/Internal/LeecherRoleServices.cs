using Microsoft.Extensions.DependencyInjection;

namespace IpfsKit.Roles.Leecher.Internal;

/// <summary>Registers the leecher role's policy and background services.</summary>
internal static class LeecherRoleServices
{
    public static void Add(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
    }
}
