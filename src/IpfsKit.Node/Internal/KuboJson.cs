using System.Text.Json;

namespace IpfsKit.Node.Internal;

/// <summary>Kubo's JSON shape: property names as declared (PascalCase), not ASP.NET Core's camelCase.</summary>
internal static class KuboJson
{
    public static readonly JsonSerializerOptions Options = new();
}
