using IpfsKit.Node.Internal;

namespace IpfsKit.Node.Gateway;

/// <summary>
/// Puts the gateway on the host: its own Kestrel endpoint (IPFS_KIT_GATEWAY_HOST:IPFS_KIT_GATEWAY_PORT) whose requests
/// go to <see cref="GatewayMiddleware"/> alone, before any of the API's middleware; the API's port never reaches it.
/// </summary>
internal static class GatewayHost
{
    /// <summary>Adds the gateway's endpoint to Kestrel and its services, unless IPFS_KIT_GATEWAY_PORT is 0.</summary>
    public static void Configure(WebApplicationBuilder builder, NodeSettings settings)
    {
        if (settings.GatewayPort == 0)
        {
            return;
        }

        builder.Services.AddSingleton(GatewayLimits.From(builder.Configuration));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            KestrelBinding.Listen(kestrel, settings.GatewayHost, settings.GatewayPort);
        });
    }

    /// <summary>Sends the requests that arrive on the gateway's port to the gateway; call before any other middleware.</summary>
    public static void Map(WebApplication app, NodeSettings settings)
    {
        if (settings.GatewayPort != 0)
        {
            app.MapWhen(context => context.Connection.LocalPort == settings.GatewayPort, gateway => gateway.UseMiddleware<GatewayMiddleware>());
        }
    }
}
