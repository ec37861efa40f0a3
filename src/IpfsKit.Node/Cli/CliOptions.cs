using System.Collections;
using System.CommandLine;
using System.CommandLine.Parsing;
using IpfsKit.Content;
using IpfsKit.Errors;

namespace IpfsKit.Node.Cli;

/// <summary>The options every command shares (<c>--node</c>, <c>--token</c>) and the argument parsers.</summary>
internal sealed class CliOptions
{
    public CliOptions(IDictionary environment)
    {
        var (url, token) = NodeSettings.ClientDefaults(environment);
        DefaultNodeUrl = url;
        Node = new Option<Uri>("--node")
        {
            Description = $"The node's API URL (default http://IPFS_KIT_API_HOST:IPFS_KIT_API_PORT/, here {url})",
            HelpName = "URL",
            Recursive = true,
            DefaultValueFactory = _ => url,
            CustomParser = ParseUrl,
        };
        Token = new Option<string?>("--token")
        {
            Description = "The bearer secret (default IPFS_KIT_API_TOKEN)",
            HelpName = "TOKEN",
            Recursive = true,
            DefaultValueFactory = _ => token,
        };
    }

    public Uri DefaultNodeUrl { get; }

    public Option<Uri> Node { get; }

    public Option<string?> Token { get; }

    public static Argument<Cid> CidArgument(string description) => new("cid")
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (ContentPath.TryParse(text, out var path) && path.Segments.Count == 0)
            {
                return path.Root;
            }

            result.AddError($"'{text}' is not a CID.");
            return default;
        },
    };

    /// <summary>An IPFS path argument (<c>CID</c>, <c>CID/a/b</c>, <c>/ipfs/CID/a/b</c>); a malformed one is a usage error naming the bad part.</summary>
    public static Argument<ContentPath> PathArgument(string description) => new("path")
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            try
            {
                return ContentPath.Parse(text);
            }
            catch (IpfsKitFormatException e)
            {
                result.AddError($"'{text}' is not an IPFS path: {e.Reason}.");
                return default;
            }
        },
    };

    public CliContext CreateContext(ParseResult result)
    {
        var url = result.GetValue(Node) ?? DefaultNodeUrl;
        return new CliContext(new NodeConnection(url, result.GetValue(Token)), TimeProvider.System);
    }

    private static Uri ParseUrl(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            return url.AbsolutePath.EndsWith('/') ? url : new Uri(url + "/");
        }

        result.AddError($"--node: '{text}' is not an absolute http(s) URL.");
        return null!;
    }
}
