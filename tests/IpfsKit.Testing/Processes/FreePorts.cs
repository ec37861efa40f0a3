using System.Net;
using System.Net.Sockets;

namespace IpfsKit.Testing.Processes;

/// <summary>Free loopback TCP ports for servers and child processes the tests start.</summary>
public static class FreePorts
{
    /// <summary>A port the system has just handed out and released (free now; another process may take it later).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Whether <paramref name="port"/> can be listened on now.</summary>
    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
