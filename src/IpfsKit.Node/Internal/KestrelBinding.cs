using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace IpfsKit.Node.Internal;

/// <summary>
/// Where Kestrel listens for a configured host (IPFS_KIT_API_HOST, IPFS_KIT_GATEWAY_HOST): <c>localhost</c> on both
/// loopbacks; <c>::</c> on every address, IPv6 and IPv4 (dual stack), or IPv4 only where the machine has no IPv6 (the
/// image's and the samples' default, so one setting fits IPv4, IPv6 and dual-stack clusters); any other address as is.
/// </summary>
internal static class KestrelBinding
{
    public static void Listen(KestrelServerOptions kestrel, string host, int port)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        var address = host == "localhost" ? null : IPAddress.Parse(host);
        if (address is null)
        {
            kestrel.ListenLocalhost(port);
        }
        else if (address.Equals(IPAddress.IPv6Any))
        {
            kestrel.ListenAnyIP(port);
        }
        else
        {
            kestrel.Listen(address, port);
        }
    }
}
