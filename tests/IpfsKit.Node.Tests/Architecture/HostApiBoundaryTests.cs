using System.Reflection;
using System.Runtime.CompilerServices;
using IpfsKit.Content;

namespace IpfsKit.Node.Tests.Architecture;

/// <summary>
/// The node host builds against the library's public API only (issue 18 item 9): neither library assembly grants
/// InternalsVisibleTo to IpfsKit.Node. Each case also finds the grant its own test project has, so a reading that
/// returned nothing could not pass.
/// </summary>
[Trait("Category", "Host")]
public sealed class HostApiBoundaryTests
{
    public static TheoryData<string, string> Libraries => new()
    {
        { typeof(IIpfsKit).Assembly.GetName().Name!, "IpfsKit.Tests" },
        { typeof(Cid).Assembly.GetName().Name!, "IpfsKit.Core.Tests" },
    };

    [Theory]
    [MemberData(nameof(Libraries))]
    public void InternalsVisibleTo_Library_NotGrantedToTheHost(string library, string testProject)
    {
        var host = typeof(NodeSettings).Assembly.GetName().Name!;
        var granted = Assembly.Load(library).GetCustomAttributes<InternalsVisibleToAttribute>()
            .Select(static a => a.AssemblyName.Split(',')[0].Trim())
            .ToList();

        Assert.Contains(testProject, granted);
        Assert.DoesNotContain(host, granted);
    }
}
