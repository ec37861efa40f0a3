namespace IpfsKit.Node.Internal;

/// <summary>The master's coordination endpoints (<see cref="IpfsKit.Roles.Coordination.CoordinationPaths"/>).</summary>
internal static class CoordinationEndpoints
{
    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
    }
}
