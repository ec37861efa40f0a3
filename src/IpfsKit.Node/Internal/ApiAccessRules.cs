using System.Globalization;
using System.Text;

namespace IpfsKit.Node.Internal;

/// <summary>
/// Reads and checks the settings that decide who may call the API: the bearer token (IPFS_KIT_API_TOKEN), the
/// browser origins allowed to call it (IPFS_KIT_API_ALLOWED_ORIGINS) and the extra host names it answers to
/// (IPFS_KIT_API_HOSTNAMES). Each problem is added to <c>errors</c> as one line starting with the variable.
/// </summary>
internal static class ApiAccessRules
{
    /// <summary>Reads the token: <see langword="null"/> when unset; an error when it is only whitespace, or short beyond loopback.</summary>
    /// <param name="text">The variable, trimmed (empty when it was only whitespace), or <see langword="null"/> when unset or empty.</param>
    /// <param name="host">IPFS_KIT_API_HOST, for the message.</param>
    /// <param name="loopback">Whether the API binds to loopback only.</param>
    /// <param name="errors">Where problems go.</param>
    /// <param name="source">The variable the token came from (IPFS_KIT_API_TOKEN or IPFS_KIT_API_TOKEN_FILE), for the messages.</param>
    public static string? ReadToken(string? text, string host, bool loopback, List<string> errors, string source = "IPFS_KIT_API_TOKEN")
    {
        if (text is null)
        {
            return null;
        }

        if (text.Length == 0)
        {
            errors.Add($"{source}: is only whitespace; set a secret (e.g. openssl rand -hex 32) or leave the variable unset.");
            return null;
        }

        var bytes = Encoding.UTF8.GetByteCount(text);
        if (!loopback && bytes < NodeSettings.MinimumApiTokenBytes)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{source}: {bytes} bytes is too short for a non-loopback IPFS_KIT_API_HOST ('{host}'); use at least {NodeSettings.MinimumApiTokenBytes} (e.g. openssl rand -hex 32)."));
        }

        SecretSettings.RefusePlaceholder(text, source, errors);
        return text;
    }

    /// <summary>Reads the allowed browser origins as <c>scheme://host[:port]</c> (lower case, default port omitted), or <c>*</c>.</summary>
    public static IReadOnlyList<string> ReadOrigins(string? text, List<string> errors)
    {
        var origins = new List<string>();
        foreach (var entry in Entries(text))
        {
            if (entry == "*")
            {
                origins.Add(entry);
            }
            else if (Uri.TryCreate(entry, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
                && url.UserInfo.Length == 0 && url.PathAndQuery == "/" && url.Fragment.Length == 0)
            {
                origins.Add(url.GetLeftPart(UriPartial.Authority));
            }
            else
            {
                errors.Add($"IPFS_KIT_API_ALLOWED_ORIGINS: '{entry}' is not an origin (http(s)://host[:port], or *).");
            }
        }

        return origins;
    }

    /// <summary>Reads the extra host names as <c>host</c> (any port) or <c>host:port</c>, lower case, IPv6 in brackets.</summary>
    public static IReadOnlyList<string> ReadHostnames(string? text, List<string> errors)
    {
        var names = new List<string>();
        foreach (var entry in Entries(text))
        {
            if (Uri.TryCreate("http://" + entry, UriKind.Absolute, out var url) && url.UserInfo.Length == 0
                && url.PathAndQuery == "/" && url.Fragment.Length == 0 && !entry.Contains('/', StringComparison.Ordinal))
            {
                names.Add(url.IsDefaultPort ? url.Host : url.Authority);
            }
            else
            {
                errors.Add($"IPFS_KIT_API_HOSTNAMES: '{entry}' is not a host name (name, name:port, an IP address).");
            }
        }

        return names;
    }

    private static string[] Entries(string? text) =>
        text?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
}
