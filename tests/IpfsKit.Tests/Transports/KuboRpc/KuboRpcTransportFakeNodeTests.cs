using System.Net;
using System.Net.Sockets;
using System.Text;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Errors;
using static IpfsKit.Tests.Transports.KuboRpc.KuboTestClients;

namespace IpfsKit.Tests.Transports.KuboRpc;

/// <summary>
/// Answers a real node never gives, from an in-test server (fake: a real node never lies about a block, so the
/// integrity checks cannot be tested against the js-ipfs peer).
/// </summary>
[Trait("Category", "Transport")]
public sealed class KuboRpcTransportFakeNodeTests
{
    [Fact]
    public async Task GetBlock_NodeReturnsOtherBytes_IntegrityException()
    {
        var cid = Cid.Compute(Multicodec.Raw, "the real bytes"u8);
        using var node = new FakeKuboNode(_ => (200, "application/octet-stream", "tampered bytes"u8.ToArray()));

        var error = await Assert.ThrowsAsync<IpfsKitIntegrityException>(() => Transport(node.ApiBase).GetBlockAsync(cid));

        Assert.Equal(cid, error.Cid);
        Assert.Equal($"/api/v0/block/get?arg={cid}", node.LastRequest);
    }

    [Fact]
    public async Task PutBlock_NodeNamesAnotherCid_IntegrityException()
    {
        var block = Block.Create("a block"u8.ToArray());
        var other = Cid.Compute(Multicodec.Raw, "another block"u8);
        using var node = new FakeKuboNode(_ => FakeKuboNode.Json(200, $$"""{"Key":"{{other}}","Size":7}"""));

        await Assert.ThrowsAsync<IpfsKitIntegrityException>(() => Transport(node.ApiBase).PutBlockAsync(block));

        Assert.Contains("format=raw", node.LastRequest, StringComparison.Ordinal);
        Assert.Contains("mhtype=sha2-256", node.LastRequest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identify_ErrorBodyNotJson_RemoteExceptionWithStatusAndStartOfBody()
    {
        var body = "gateway exploded " + new string('x', 500);
        using var node = new FakeKuboNode(_ => (502, "text/plain", Encoding.UTF8.GetBytes(body)));

        var error = await Assert.ThrowsAsync<IpfsKitRemoteException>(() => Transport(node.ApiBase).IdentifyAsync());

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Equal(body[..200], error.RemoteMessage);
        Assert.Equal("POST /api/v0/id", error.Endpoint);
    }

    [Fact]
    public async Task Add_ErrorLineAfter200_RemoteExceptionWithItsMessage()
    {
        using var node = new FakeKuboNode(_ => FakeKuboNode.Json(200, "{\"Name\":\"\",\"Bytes\":10}\n{\"Message\":\"disk full\",\"Code\":0,\"Type\":\"error\"}\n"));

        var error = await Assert.ThrowsAsync<IpfsKitRemoteException>(() => Transport(node.ApiBase).AddAsync(new MemoryStream(new byte[10])));

        Assert.Equal("disk full", error.RemoteMessage);
        Assert.Equal("error", error.RemoteCode);
    }

    [Theory]
    [InlineData("PublishError.InsufficientPeers", true)] // js-ipfs, for a topic nobody listens to: delivered to no one
    [InlineData("pubsub is not enabled", false)]
    public async Task Publish_NodeAnswersAnError_OnlyInsufficientPeersIsSuccess(string message, bool success)
    {
        using var node = new FakeKuboNode(_ => FakeKuboNode.Json(500, $$"""{"Message":"{{message}}","Code":0,"Type":"error"}"""));

        var publish = Transport(node.ApiBase).PublishAsync("topic", "hello"u8.ToArray());

        if (success)
        {
            await publish;
        }
        else
        {
            Assert.Equal(message, (await Assert.ThrowsAsync<IpfsKitRemoteException>(() => publish)).RemoteMessage);
        }

        Assert.StartsWith("/api/v0/pubsub/pub?arg=u", node.LastRequest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_StreamErrorTrailer_RemoteExceptionWithItsMessage()
    {
        // HttpListener cannot send trailers: a raw socket answers what Kubo and js-ipfs send (checked with curl --raw).
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var port = ((IPEndPoint)server.LocalEndpoint).Port;
        var serve = Task.Run(async () =>
        {
            using var client = await server.AcceptTcpClientAsync();
            var stream = client.GetStream();
            await ReadRequestAsync(stream);
            var line = "{\"Name\":\"f\",\"Bytes\":10}\n";
            var answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTrailer: X-Stream-Error\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + $"{line.Length:x}\r\n{line}\r\n0\r\nX-Stream-Error: {{\"Message\":\"Cannot string encode V0 in base32 encoding\",\"Code\":0}}\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(answer));
        });

        var error = await Assert.ThrowsAsync<IpfsKitRemoteException>(() => Transport(new Uri($"http://127.0.0.1:{port}/")).AddAsync(new MemoryStream(new byte[10])));

        Assert.Equal("Cannot string encode V0 in base32 encoding", error.RemoteMessage);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        await serve;
    }

    /// <summary>Reads a chunked request to its last chunk (the transport's add body has no length).</summary>
    private static async Task ReadRequestAsync(NetworkStream stream)
    {
        var seen = new StringBuilder();
        var buffer = new byte[8192];
        while (!seen.ToString().Contains("\r\n0\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                return;
            }

            seen.Append(Encoding.Latin1.GetString(buffer, 0, read));
        }
    }
}
