using System.Net;
using IpfsKit.Testing.Processes;

namespace IpfsKit.Testing.Http;

/// <summary>
/// The base of the in-test HTTP servers (fake Kubo node, fake IPFS Cluster API, trustless gateway): an HttpListener on
/// a free loopback port, serving each request on the thread pool until disposed.
/// </summary>
public abstract class LoopbackHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    protected LoopbackHttpServer()
    {
        Root = new Uri($"http://127.0.0.1:{FreePorts.Next()}/");
        _listener.Prefixes.Add(Root.ToString());
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Gets the server's root URL (ends with <c>/</c>).</summary>
    public Uri Root { get; }

    /// <summary>A client whose base address is <see cref="Root"/>.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = Root };

    public void Dispose()
    {
        _listener.Stop();
        try
        {
            _listener.Close();
        }
        catch (HttpListenerException)
        {
            // The managed HttpListener's Close looks the port up again after Stop released it; when another process has
            // taken that port meanwhile it throws "Address already in use" (seen once in CI). Stop already closed ours.
        }

        _loop.Wait(TimeSpan.FromSeconds(5));
        GC.SuppressFinalize(this);
    }

    /// <summary>Answers one request.</summary>
    protected abstract Task ServeAsync(HttpListenerContext context);

    /// <summary>Sends a whole answer; a client that went away is ignored.</summary>
    protected static async Task RespondAsync(HttpListenerResponse response, int status, string contentType, byte[] body)
    {
        try
        {
            response.StatusCode = status;
            response.ContentType = contentType;
            response.ContentLength64 = body.Length;
            await response.OutputStream.WriteAsync(body);
            response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The client went away (a cancelled or refused read).
        }
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
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(context));
        }
    }
}
