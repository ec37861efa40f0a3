using System.Net;
using System.Text;
using IpfsKit.Testing.Http;

namespace IpfsKit.Tests.Transports.KuboRpc;

/// <summary>
/// A tiny in-test HTTP server answering every request with one canned answer, to test what a real node never does
/// (lie about a block) or seldom does (a non-JSON error body, an error line after HTTP 200).
/// </summary>
internal sealed class FakeKuboNode(Func<HttpListenerRequest, (int Status, string ContentType, byte[] Body)> answer) : LoopbackHttpServer
{
    public Uri ApiBase => Root;

    /// <summary>The path and query of the last request.</summary>
    public string? LastRequest { get; private set; }

    public static (int, string, byte[]) Json(int status, string json) => (status, "application/json", Encoding.UTF8.GetBytes(json));

    protected override async Task ServeAsync(HttpListenerContext context)
    {
        LastRequest = context.Request.Url?.PathAndQuery;
        await context.Request.InputStream.CopyToAsync(Stream.Null);
        var (status, contentType, body) = answer(context.Request);
        await RespondAsync(context.Response, status, contentType, body);
    }
}
