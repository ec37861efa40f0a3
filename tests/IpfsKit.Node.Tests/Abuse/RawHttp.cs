using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IpfsKit.Node.Tests.Abuse;

/// <summary>
/// HTTP/1.1 over a bare socket, for requests HttpClient will not make: a body that stalls half-way, a Content-Length
/// the client never honours, a body streamed while the answer is already being read, header values with non-ASCII or
/// control characters (which the server then decodes as UTF-8).
/// </summary>
internal sealed class RawHttp : IAsyncDisposable
{
    private readonly TcpClient _client = new();
    private readonly int _port;
    private NetworkStream? _stream;

    private RawHttp(int port)
    {
        _port = port;
    }

    public NetworkStream Stream => _stream ?? throw new InvalidOperationException("not connected");

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

    public static async Task<RawHttp> ConnectAsync(int port)
    {
        var raw = new RawHttp(port);
        await raw._client.ConnectAsync(IPAddress.Loopback, port);
        raw._stream = raw._client.GetStream();
        return raw;
    }

    /// <summary>Writes the request line and headers (Host, naming the node as its guard wants, and Connection: close added).</summary>
    public async Task WriteHeadAsync(string method, string target, IEnumerable<string> headers)
    {
        var head = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{_port}\r\nConnection: close\r\n");
        foreach (var header in headers)
        {
            head.Append(header).Append("\r\n");
        }

        await Stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()));
    }

    /// <summary>
    /// Writes a body of about <paramref name="total"/> bytes, <paramref name="prefix"/> then <paramref name="pattern"/>
    /// repeated, as chunks or as they are (after a Content-Length), stopping quietly when the server hangs up.
    /// </summary>
    public async Task WriteBodyAsync(long total, byte[] prefix, byte[] pattern, bool chunked, CancellationToken cancellationToken)
    {
        var chunk = new byte[64 * 1024 / pattern.Length * pattern.Length];
        Fill(chunk, pattern);
        prefix.CopyTo(chunk, 0);
        try
        {
            for (long sent = 0; sent < total && !cancellationToken.IsCancellationRequested; sent += chunk.Length)
            {
                var part = chunk.AsMemory(0, (int)Math.Min(chunk.Length, total - sent));
                if (sent == chunk.Length)
                {
                    Fill(chunk, pattern);
                }

                if (chunked)
                {
                    await Stream.WriteAsync(Encoding.ASCII.GetBytes(part.Length.ToString("x", CultureInfo.InvariantCulture) + "\r\n"), cancellationToken);
                }

                await Stream.WriteAsync(part, cancellationToken);
                if (chunked)
                {
                    await Stream.WriteAsync("\r\n"u8.ToArray(), cancellationToken);
                }
            }

            if (chunked)
            {
                await Stream.WriteAsync("0\r\n\r\n"u8.ToArray(), cancellationToken);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // the server answered and closed: the rest of the body is not wanted
        }
    }

    /// <summary>Reads the response until the server closes the connection (or <paramref name="timeout"/>).</summary>
    public async Task<(int Status, string Body)> ReadResponseAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await Stream.ReadAsync(buffer, cts.Token)) > 0)
            {
                received.Write(buffer, 0, read);
                if (Parse(received.ToArray()) is { Complete: true } done)
                {
                    return (done.Status, done.Body);
                }
            }
        }
        catch (IOException) when (received.Length > 0)
        {
            // reset after the answer: keep what arrived
        }

        var parsed = Parse(received.ToArray()) ?? throw new IOException($"no HTTP response ({received.Length} bytes)");
        return (parsed.Status, parsed.Body);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stream is not null)
        {
            await _stream.DisposeAsync();
        }

        _client.Dispose();
    }

    private static void Fill(byte[] chunk, byte[] pattern)
    {
        for (var at = 0; at < chunk.Length; at += pattern.Length)
        {
            pattern.CopyTo(chunk, at);
        }
    }

    private static (int Status, string Body, bool Complete)? Parse(byte[] bytes)
    {
        var text = Encoding.Latin1.GetString(bytes); // one char a byte: chunk sizes and Content-Length count bytes
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        var status = int.Parse(text.AsSpan(9, 3), CultureInfo.InvariantCulture);
        var head = text[..end];
        var body = text[(end + 4)..];
        var lengthLine = head.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        if (lengthLine is not null)
        {
            var length = int.Parse(lengthLine["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture);
            return (status, Utf8(body.Length >= length ? body[..length] : body), body.Length >= length);
        }

        if (head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            return body.EndsWith("0\r\n\r\n", StringComparison.Ordinal) ? (status, Utf8(Dechunk(body)), true) : (status, Utf8(body), false);
        }

        return (status, Utf8(body), false);
    }

    private static string Utf8(string latin1) => Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(latin1));

    private static string Dechunk(string body)
    {
        var result = new StringBuilder();
        var at = 0;
        while (true)
        {
            var lineEnd = body.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = int.Parse(body.AsSpan(at, lineEnd - at), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                return result.ToString();
            }

            result.Append(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
