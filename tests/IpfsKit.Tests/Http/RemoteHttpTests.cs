using System.Diagnostics;
using System.Net;
using IpfsKit.Errors;
using IpfsKit.Testing.Http;
using Xunit.Abstractions;

namespace IpfsKit.Tests.Http;

/// <summary>
/// The remote-HTTP core on real HTTP (an HttpListener on loopback): every remote client reads an error answer's body
/// only to its bound (64 KiB), however long the body is, and reports a connection that breaks mid-answer as unreachable.
/// </summary>
[Trait("Category", "Transport")]
public sealed class RemoteHttpTests(ITestOutputHelper output)
{
    private const int Bound = 64 * 1024;
    private const int TenMegabytes = 10 * 1024 * 1024;

    [Theory]
    [MemberData(nameof(RemoteCalls.Remotes), MemberType = typeof(RemoteCalls))]
    public async Task ErrorAnswer_TenMegabyteBody_ReadOnlyToTheBound(string remote)
    {
        using var server = new LongErrorServer(TenMegabytes);
        using var counting = new CountingHandler();
        using var http = new HttpClient(counting) { BaseAddress = server.Root };
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<IpfsKitRemoteException>(() => RemoteCalls.CallAsync(remote, http).WaitAsync(TimeSpan.FromSeconds(30)));

        output.WriteLine($"{remote}: failed in {watch.ElapsedMilliseconds} ms; read {counting.BytesRead:N0} B of a {TenMegabytes:N0} B body; message {error.RemoteMessage.Length:N0} chars");
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.InRange(counting.BytesRead, 1, 2 * Bound);
        Assert.InRange(error.RemoteMessage.Length, 1, Bound + 20);
        if (remote is "cluster" or "gateway")
        {
            Assert.EndsWith("…(truncated)", error.RemoteMessage, StringComparison.Ordinal); // their bodies are text: the message is the body, cut
        }
    }

    [Theory]
    [MemberData(nameof(RemoteCalls.Remotes), MemberType = typeof(RemoteCalls))]
    public async Task SuccessAnswer_ConnectionBreaksMidBody_Unreachable(string remote)
    {
        using var server = new BrokenBodyServer();
        using var http = new HttpClient { BaseAddress = server.Root };
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<IpfsKitRemoteException>(() => RemoteCalls.CallAsync(remote, http).WaitAsync(TimeSpan.FromSeconds(30)));

        output.WriteLine($"{remote}: failed in {watch.ElapsedMilliseconds} ms: {error.Message}");
        Assert.Equal((RemoteErrorCode.Unreachable, (HttpStatusCode?)null), (error.ErrorCode, error.StatusCode));
        Assert.Contains($"no answer from {server.Root}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain($"{server.Root}http", error.Endpoint, StringComparison.Ordinal); // the root once, not resolved twice
    }

    /// <summary>Answers 200 announcing 1,000 bytes, sends one (<c>{</c>), then drops the connection.</summary>
    private sealed class BrokenBodyServer : LoopbackHttpServer
    {
        protected override async Task ServeAsync(HttpListenerContext context)
        {
            try
            {
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json";
                context.Response.ContentLength64 = 1000;
                await context.Response.OutputStream.WriteAsync("{"u8.ToArray());
                await context.Response.OutputStream.FlushAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
            {
                // The client went away first.
            }
            finally
            {
                context.Response.Abort();
            }
        }
    }

    /// <summary>Answers 500 with a text body of <c>length</c> bytes, written 64 KiB at a time until the client goes away.</summary>
    private sealed class LongErrorServer(long length) : LoopbackHttpServer
    {
        protected override async Task ServeAsync(HttpListenerContext context)
        {
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)'x');
            try
            {
                context.Response.StatusCode = 500;
                context.Response.ContentType = "text/plain";
                context.Response.ContentLength64 = length;
                for (long sent = 0; sent < length; sent += chunk.Length)
                {
                    await context.Response.OutputStream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, length - sent)));
                }

                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
            {
                // The client read its bound and went away.
            }
        }
    }
}
