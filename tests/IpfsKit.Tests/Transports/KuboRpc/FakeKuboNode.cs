using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IpfsKit.Tests.Transports.KuboRpc;

/// <summary>
/// A tiny in-test HTTP server answering every request with one canned answer, to test what a real node never does
/// (lie about a block) or seldom does (a non-JSON error body, an error line after HTTP 200).
/// </summary>
internal sealed class FakeKuboNode : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerRequest, (int Status, string ContentType, byte[] Body)> _answer;
    private readonly Task _loop;

    public FakeKuboNode(Func<HttpListenerRequest, (int Status, string ContentType, byte[] Body)> answer)
    {
        _answer = answer;
        var port = FreePort();
        ApiBase = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(ApiBase.ToString());
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri ApiBase { get; }

    /// <summary>The path and query of the last request.</summary>
    public string? LastRequest { get; private set; }

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Close();
        _ = _loop.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            LastRequest = context.Request.Url?.PathAndQuery;
            await context.Request.InputStream.CopyToAsync(Stream.Null);
            var (status, contentType, body) = _answer(context.Request);
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    public static (int, string, byte[]) Json(int status, string json) => (status, "application/json", Encoding.UTF8.GetBytes(json));
}
