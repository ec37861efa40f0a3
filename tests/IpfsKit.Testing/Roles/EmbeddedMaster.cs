using IpfsKit.Roles;
using Microsoft.Extensions.DependencyInjection;

namespace IpfsKit.Testing.Roles;

/// <summary>
/// A master on the embedded node, in this process, in its own temp folder: <c>AddIpfsKit(configure).UseEmbeddedNode().UseRole(Master)</c>.
/// Disposing it disposes the service provider, then deletes the folder.
/// </summary>
public sealed class EmbeddedMaster : IAsyncDisposable
{
    private readonly TempFolder _folder;

    /// <summary>Builds the provider; nothing runs until a service is resolved.</summary>
    /// <param name="configure">Options to set before the role is added (e.g. <c>o.Roles.MaxMembers</c>).</param>
    public EmbeddedMaster(Action<IpfsKitOptions>? configure = null)
    {
        _folder = new TempFolder("ipfskit-master-");
        var services = new ServiceCollection();
        services.AddIpfsKit(configure ?? (_ => { })).UseEmbeddedNode(s => s.Path = _folder.Path).UseRole(NodeRole.Master);
        Services = services.BuildServiceProvider();
    }

    /// <summary>Gets the master's service provider.</summary>
    public ServiceProvider Services { get; }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        _folder.Dispose();
    }
}
