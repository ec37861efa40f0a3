using System.Net;
using System.Text;
using IpfsKit.Errors;
using IpfsKit.Transports.KuboRpc;

namespace IpfsKit.Tests.Transports.KuboRpc;

/// <summary>An error answer of a call the transport does not make, read as the transport reads its own.</summary>
[Trait("Category", "Transport")]
public sealed class KuboRpcReadErrorTests
{
    [Fact]
    public async Task ReadErrorAsync_KuboErrorJson_TypedCodeAndRemoteMessage()
    {
        using var http = new HttpClient(new Answering(HttpStatusCode.InternalServerError, """{"Message":"not pinned or pinned indirectly","Code":0,"Type":"error"}"""))
        {
            BaseAddress = new Uri("http://127.0.0.1:5001/"),
        };
        var transport = new KuboRpcTransport(http);
        using var response = await http.PostAsync(new Uri("api/v0/custom?arg=secret", UriKind.Relative), null);

        var error = await transport.ReadErrorAsync(response);

        Assert.Equal((RemoteErrorCode.NotPinned, "not pinned or pinned indirectly", HttpStatusCode.InternalServerError), (error.ErrorCode, error.RemoteMessage, error.StatusCode));
        Assert.Equal("POST /api/v0/custom", error.Endpoint);
    }

    [Fact]
    public async Task ReadErrorAsync_HugeTextBody_ReadOnlyToTheBound()
    {
        using var http = new HttpClient(new Answering(HttpStatusCode.BadGateway, new string('x', 1 << 20))) { BaseAddress = new Uri("http://127.0.0.1:5001/") };
        var transport = new KuboRpcTransport(http);
        using var response = await http.PostAsync(new Uri("api/v0/custom", UriKind.Relative), null);

        var error = await transport.ReadErrorAsync(response);

        Assert.Equal(RemoteErrorCode.Unknown, error.ErrorCode);
        Assert.True(error.RemoteMessage!.Length < 64 * 1024, $"{error.RemoteMessage.Length} characters");
    }

    private sealed class Answering(HttpStatusCode status, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json"), RequestMessage = request });
    }
}
