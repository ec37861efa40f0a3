using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IpfsKit.Node.Tests.Abuse;

/// <summary>
/// Sends one HTTP/1.1 request as raw bytes, for headers HttpClient refuses to send as given (non-ASCII or control
/// characters in a value, which the server then decodes as UTF-8).
/// </summary>
internal static class RawHttp
{
    /// <summary>Sends <c>POST <paramref name="path"/></c> with an empty body and the given extra header lines.</summary>
    /// <returns>The response's status code.</returns>
    public static async Task<int> PostAsync(int port, string path, params string[] headerLines)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\nConnection: close\r\n");
        foreach (var line in headerLines)
        {
            head.Append(line).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(head.Append("\r\n").ToString()));
        using var reader = new StreamReader(stream, Encoding.Latin1);
        var status = await reader.ReadLineAsync() ?? throw new IOException("the host closed the connection without an answer");
        return int.Parse(status.Split(' ')[1], CultureInfo.InvariantCulture); // "HTTP/1.1 401 Unauthorized"
    }
}
