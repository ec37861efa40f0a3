namespace IpfsKit.Node.Tests;

/// <summary>The settings that decide who may call the API (the token's rules, allowed origins, host names), and the checks of IPFS_PATH and the role.</summary>
public sealed partial class NodeSettingsTests
{
    private const string LongToken = "0123456789abcdef"; // 16 bytes, the minimum beyond loopback

    [Theory]
    [InlineData("   ")]
    [InlineData("\t")]
    [InlineData("\u00A0")]
    [InlineData("\u3000 \u000B")]
    public void FromEnvironment_WhitespaceToken_IsOneErrorNamingTheToken(string token)
    {
        foreach (var host in new[] { "127.0.0.1", "0.0.0.0" })
        {
            var error = Assert.Throws<NodeSettingsException>(() => Read(new() { ["IPFS_KIT_API_TOKEN"] = token, ["IPFS_KIT_API_HOST"] = host }));

            Assert.StartsWith("IPFS_KIT_API_TOKEN: is only whitespace", Assert.Single(error.Errors), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("0123456789abcde")] // 15 bytes
    [InlineData("ééééééé")] // 7 characters, 14 bytes
    public void FromEnvironment_ShortTokenBeyondLoopback_IsRefused(string token)
    {
        var error = Assert.Throws<NodeSettingsException>(() => Read(new() { ["IPFS_KIT_API_TOKEN"] = token, ["IPFS_KIT_API_HOST"] = "0.0.0.0" }));

        Assert.StartsWith("IPFS_KIT_API_TOKEN: ", Assert.Single(error.Errors), StringComparison.Ordinal);
        Assert.DoesNotContain(token, error.Message, StringComparison.Ordinal); // the secret is never printed
    }

    [Theory]
    [InlineData(LongToken)]
    [InlineData("éééééééé")] // 8 characters, 16 bytes
    public void FromEnvironment_TokenOf16BytesBeyondLoopback_IsAccepted(string token) =>
        Assert.Equal(token, Read(new() { ["IPFS_KIT_API_TOKEN"] = token, ["IPFS_KIT_API_HOST"] = "0.0.0.0" }).ApiToken);

    [Fact]
    public void FromEnvironment_ShortTokenOnLoopback_IsAccepted() =>
        Assert.Equal("abc", Read(new() { ["IPFS_KIT_API_TOKEN"] = "abc" }).ApiToken);

    [Fact]
    public void FromEnvironment_TokenWithSurroundingWhitespace_IsTrimmed() =>
        Assert.Equal(LongToken, Read(new() { ["IPFS_KIT_API_TOKEN"] = $" {LongToken}\n" }).ApiToken);

    [Fact]
    public void FromEnvironment_EmptyToken_IsUnset() =>
        Assert.Null(Read(new() { ["IPFS_KIT_API_TOKEN"] = "" }).ApiToken);

    [Fact]
    public void FromEnvironment_AllowedOrigins_AreNormalized() =>
        Assert.Equal(
            ["http://app.example", "https://ui.example:8443", "http://127.0.0.1:5001", "*"],
            Read(new() { ["IPFS_KIT_API_ALLOWED_ORIGINS"] = "http://App.Example, https://ui.example:8443/ ,,http://127.0.0.1:5001,*" }).AllowedOrigins);

    [Theory]
    [InlineData("app.example")]
    [InlineData("http://app.example/path")]
    [InlineData("ftp://app.example")]
    [InlineData("null")]
    public void FromEnvironment_BadAllowedOrigin_NamesTheVariable(string origin) =>
        Assert.StartsWith($"IPFS_KIT_API_ALLOWED_ORIGINS: '{origin}'", Single(new() { ["IPFS_KIT_API_ALLOWED_ORIGINS"] = "http://ok.example," + origin }), StringComparison.Ordinal);

    [Fact]
    public void FromEnvironment_Hostnames_AreNormalized() =>
        Assert.Equal(
            ["ipfs.internal", "node-1:8080", "[::1]:9000", "10.0.0.5"],
            Read(new() { ["IPFS_KIT_API_HOSTNAMES"] = "IPFS.internal, node-1:8080,[::1]:9000, 10.0.0.5" }).ApiHostnames);

    [Theory]
    [InlineData("http://node-1")]
    [InlineData("node 1")]
    [InlineData("node-1/x")]
    [InlineData("user@node-1")]
    public void FromEnvironment_BadHostname_NamesTheVariable(string name) =>
        Assert.StartsWith($"IPFS_KIT_API_HOSTNAMES: '{name}'", Single(new() { ["IPFS_KIT_API_HOSTNAMES"] = name }), StringComparison.Ordinal);

    [Fact]
    public void FromEnvironment_IpfsPathIsAFile_NamesIt()
    {
        var file = Path.GetTempFileName();
        try
        {
            Assert.Equal($"IPFS_PATH: '{file}' is a file, not a folder.", Single(new() { ["IPFS_PATH"] = file }));
            Assert.Equal($"IPFS_PATH: '{file}/data' cannot be a folder: '{file}' is a file.", Single(new() { ["IPFS_PATH"] = file + "/data" }));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("1")]
    [InlineData("boss")]
    public void FromEnvironment_BadRole_IsTheOnlyError(string role)
    {
        var error = Assert.Throws<NodeSettingsException>(() => Read(new() { ["IPFS_KIT_ROLE"] = role }));

        Assert.StartsWith($"IPFS_KIT_ROLE: '{role}' is not a role", Assert.Single(error.Errors), StringComparison.Ordinal);
    }

    private static string Single(Dictionary<string, string> env) => Assert.Single(Assert.Throws<NodeSettingsException>(() => Read(env)).Errors);
}
