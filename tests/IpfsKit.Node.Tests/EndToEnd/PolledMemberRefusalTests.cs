using System.Diagnostics;
using System.Net;
using System.Text;
using IpfsKit.Testing.Http;
using Xunit.Abstractions;

namespace IpfsKit.Node.Tests.EndToEnd;

/// <summary>
/// Issue 14, bad input: a URL in IPFS_KIT_KUBO_WORKERS that answers, but not as a Kubo RPC API (an HTML page, a 404 on
/// <c>/api/v0/id</c>), or one in IPFS_KIT_CLUSTER_MEMBERS that answers <c>/id</c> as no IPFS Cluster does, stops the
/// master at start with exit code 1 and the URL named. (One that does not answer at all
/// is a member that never joins: <see cref="KuboWorkersTests"/>.)
/// </summary>
[Trait("Category", "Engines")]
public sealed class PolledMemberRefusalTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("IPFS_KIT_KUBO_WORKERS", 200, "text/html", "<!doctype html><html><body>a web site</body></html>", "/api/v0/id", "is not a Kubo RPC API")]
    [InlineData("IPFS_KIT_KUBO_WORKERS", 404, "text/plain", "404 page not found", "/api/v0/id", "is not a Kubo RPC API")]
    [InlineData("IPFS_KIT_CLUSTER_MEMBERS", 200, "text/html", "<!doctype html><html><body>a web site</body></html>", "/id", "is not an IPFS Cluster REST API")]
    public async Task Master_MemberUrlIsNoApiOfItsKind_ExitsWith1NamingTheUrl(string variable, int status, string contentType, string body, string probe, string refusal)
    {
        var clock = Stopwatch.StartNew();
        using var server = new FixedAnswerServer(status, contentType, body);
        var url = server.Root.AbsoluteUri.TrimEnd('/');
        var environment = RoleCluster.RoleEnvironment("master", null);
        environment[variable] = url;
        await using var master = HostProcess.Start(RoleCluster.Token, environment);

        var exit = await master.WaitForExitAsync(TimeSpan.FromSeconds(60));

        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: a master given {variable}={url} (answering {status} {contentType}) exited with {exit}: {master.ErrorOutput.Trim()}");
        Assert.Equal(1, exit);
        Assert.Contains($"{url}/ failed with {status} ", master.ErrorOutput, StringComparison.Ordinal);
        Assert.Contains(refusal, master.ErrorOutput, StringComparison.Ordinal);
        Assert.Contains(probe, server.Paths);
    }

    /// <summary>Answers every request with the same status, content type and body.</summary>
    private sealed class FixedAnswerServer(int status, string contentType, string body) : LoopbackHttpServer
    {
        private readonly byte[] _body = Encoding.UTF8.GetBytes(body);

        public List<string> Paths { get; } = [];

        protected override Task ServeAsync(HttpListenerContext context)
        {
            lock (Paths)
            {
                Paths.Add(context.Request.Url!.AbsolutePath);
            }

            return RespondAsync(context.Response, status, contentType, _body);
        }
    }
}
