using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Xunit.Abstractions;

namespace IpfsKit.Node.Tests.Deployment;

/// <summary>
/// Secrets as files (IPFS_KIT_API_TOKEN_FILE, IPFS_KIT_GATEWAY_TOKEN_FILE: a mounted Kubernetes or compose secret) and
/// the samples' placeholder refused, on real host processes.
/// </summary>
[Trait("Category", "Deployment")]
public sealed class SecretFileTests(ITestOutputHelper output) : IDisposable
{
    private const string Secret = "file-secret-0123456789abcdef";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ipfskit-secrets");

    [Fact]
    public async Task Start_TokenFilesWithTrailingNewline_TheirContentIsTheToken()
    {
        var clock = Stopwatch.StartNew();
        await using var host = await HostProcess.StartReadyAsync(extra: new Dictionary<string, string>
        {
            ["IPFS_KIT_API_TOKEN_FILE"] = WriteSecret("api-token", Secret + "\n"),
            ["IPFS_KIT_GATEWAY_TOKEN_FILE"] = WriteSecret("gateway-token", Secret + "-gw\r\n"),
        });
        output.WriteLine($"ready after {clock.ElapsedMilliseconds} ms");

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(host.Client, "api/v0/id", token: null));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(host.Client, "api/v0/id", Secret + "x"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host.Client, "api/v0/id", Secret));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(host.Gateway, "ipfs/bafkqaaa", token: null));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host.Gateway, "ipfs/bafkqaaa", Secret + "-gw"));
    }

    [Theory]
    [InlineData("IPFS_KIT_API_TOKEN", "REPLACE-ME-with-a-long-random-secret", "IPFS_KIT_API_TOKEN: 'REPLACE-ME-with-a-long-random-secret' is the samples' placeholder")]
    [InlineData("IPFS_KIT_API_TOKEN_FILE", "file:change-me\n", "IPFS_KIT_API_TOKEN_FILE: 'change-me' is the samples' placeholder")]
    [InlineData("IPFS_KIT_GATEWAY_TOKEN", "Change-Me", "IPFS_KIT_GATEWAY_TOKEN: 'Change-Me' is the samples' placeholder")]
    [InlineData("IPFS_KIT_API_TOKEN_FILE", "/nonexistent/api-token", "IPFS_KIT_API_TOKEN_FILE: cannot read '/nonexistent/api-token'")]
    [InlineData("IPFS_KIT_GATEWAY_TOKEN_FILE", "/nonexistent/gw-token", "IPFS_KIT_GATEWAY_TOKEN_FILE: cannot read '/nonexistent/gw-token'")]
    [InlineData("both", "", "IPFS_KIT_API_TOKEN_FILE: set together with IPFS_KIT_API_TOKEN; set only one of them.")]
    public async Task Start_BadSecret_Exits2WithOneLineNamingTheVariable(string variable, string value, string expected)
    {
        var extra = variable switch
        {
            "both" => new Dictionary<string, string> { ["IPFS_KIT_API_TOKEN"] = Secret, ["IPFS_KIT_API_TOKEN_FILE"] = WriteSecret("t", Secret) },
            _ when value.StartsWith("file:", StringComparison.Ordinal) => new Dictionary<string, string> { [variable] = WriteSecret("t", value[5..]) },
            _ => new Dictionary<string, string> { [variable] = value },
        };
        await using var host = HostProcess.Start(extra: extra);

        Assert.Equal(2, await host.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        var line = Assert.Single(host.ErrorOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(expected, line, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path, string? token)
    {
        using var request = new HttpRequestMessage(path.StartsWith("api/", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private string WriteSecret(string name, string content)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }
}
