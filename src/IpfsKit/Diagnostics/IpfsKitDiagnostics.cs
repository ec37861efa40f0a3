using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace IpfsKit.Diagnostics;

/// <summary>
/// The names IpfsKit publishes diagnostics under: one <see cref="Meter"/> and one <see cref="ActivitySource"/>, both <c>IpfsKit</c>.
/// The meter comes from the <see cref="IMeterFactory"/> of the service provider (<c>AddIpfsKit</c> adds metrics).
/// </summary>
public static class IpfsKitDiagnostics
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = "IpfsKit";

    internal static readonly ActivitySource ActivitySource = new(Name);
}
