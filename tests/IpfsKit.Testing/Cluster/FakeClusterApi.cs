using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using IpfsKit.Testing.Http;

namespace IpfsKit.Testing.Cluster;

/// <summary>A request as the fake REST API saw it.</summary>
public sealed record SeenRequest(string Method, string PathAndQuery, string? Authorization, string? ContentType, bool Chunked, byte[] Body, System.Collections.Specialized.NameValueCollection Query);

/// <summary>An answer the fake REST API replays.</summary>
public sealed record Reply(int Status, string Body = "", string ContentType = "application/json");

/// <summary>
/// Replays IPFS Cluster REST API answers on 127.0.0.1 (IPFS Cluster itself cannot run here) and records the requests.
/// HttpListener cannot send HTTP trailers, so <see cref="ServeChunkedWithTrailerAsync"/> is a raw TCP answer for those.
/// </summary>
public sealed class FakeClusterApi : LoopbackHttpServer
{
    private readonly Func<SeenRequest, Reply> _reply;

    public FakeClusterApi(Func<SeenRequest, Reply> reply)
    {
        _reply = reply;
    }

    public ConcurrentQueue<SeenRequest> Requests { get; } = new();

    /// <summary>
    /// Answers one request on a raw socket with a chunked body and an <c>X-Stream-Error</c> trailer, as Go's net/http
    /// writes <c>StreamResponse</c> (api/common/api.go): <c>Trailer: X-Stream-Error</c> declared, items, then the trailer.
    /// </summary>
    public static (Uri Root, Task Served) ServeChunkedWithTrailerAsync(string ndjson, string streamError)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var root = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        var served = Task.Run(async () =>
        {
            try
            {
                using var client = await listener.AcceptTcpClientAsync();
                var stream = client.GetStream();
                var reader = new StreamReader(stream, Encoding.ASCII);
                while (!string.IsNullOrEmpty(await reader.ReadLineAsync()))
                {
                }

                var body = Encoding.UTF8.GetBytes(ndjson);
                var response = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTrailer: X-Stream-Error\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                    + $"{body.Length:x}\r\n{ndjson}\r\n0\r\nX-Stream-Error: {streamError}\r\n\r\n";
                await stream.WriteAsync(Encoding.UTF8.GetBytes(response));
                await stream.FlushAsync();
            }
            finally
            {
                listener.Stop();
            }
        });
        return (root, served);
    }

    protected override async Task ServeAsync(HttpListenerContext context)
    {
        var request = context.Request;
        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body);
        var seen = new SeenRequest(
            request.HttpMethod,
            request.Url!.PathAndQuery,
            request.Headers["Authorization"],
            request.ContentType,
            string.Equals(request.Headers["Transfer-Encoding"], "chunked", StringComparison.OrdinalIgnoreCase),
            body.ToArray(),
            request.QueryString);
        Requests.Enqueue(seen);
        var reply = _reply(seen);
        var response = context.Response;
        response.StatusCode = reply.Status;
        response.ContentType = reply.ContentType;
        var bytes = Encoding.UTF8.GetBytes(reply.Body);
        if (reply.Status != 204)
        {
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes);
        }

        response.Close();
    }

}
