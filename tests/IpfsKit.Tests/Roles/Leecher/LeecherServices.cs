using IpfsKit.Roles;
using IpfsKit.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace IpfsKit.Tests.Roles.Leecher;

/// <summary>A leecher on a real embedded node (8 MiB memory, 64 MiB disk) in <c>folder</c>, with logging, its roles options set by the test.</summary>
internal static class LeecherServices
{
    public static ServiceProvider Build(string folder, Action<RolesOptions> roles) => new ServiceCollection()
        .AddLogging()
        .AddIpfsKit()
        .UseEmbeddedNode(s =>
        {
            s.Path = folder;
            s.MaxMemory = ByteSize.FromMebibytes(8);
            s.MaxStorage = ByteSize.FromMebibytes(64);
        })
        .UseRole(NodeRole.Leecher, roles)
        .Services.BuildServiceProvider();
}
