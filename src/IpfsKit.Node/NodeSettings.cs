using System.Collections;
using System.Globalization;
using System.Net;
using IpfsKit.Node.Internal;
using IpfsKit.Roles;
using IpfsKit.Roles.Coordination;
using IpfsKit.Storage;
using Microsoft.Extensions.Logging;

namespace IpfsKit.Node;

/// <summary>
/// The node host's settings, read from the seed's environment variables and the command line (which wins).
/// Pure: reads only the dictionary and arguments it is given, so it is testable without a process.
/// </summary>
/// <remarks>
/// Without IPFS_KIT_API_TOKEN the /api/v0 and /metrics endpoints are served unauthenticated, which is only allowed
/// on a loopback binding: <see cref="FromEnvironment"/> refuses a non-loopback IPFS_KIT_API_HOST without a token
/// (or with one shorter than <see cref="MinimumApiTokenBytes"/>). Browsers are held to their own origin and, without
/// a token, to the node's own host names: see the security model in docs/operations.md.
/// </remarks>
public sealed class NodeSettings
{
    /// <summary>The usage text printed by <c>--help</c>.</summary>
    public const string Usage = """
        Usage: ipfs-kit [--role master|worker|leecher] [--master URL] [--api] [--help]

          --role     the node's role (IPFS_KIT_ROLE); default master
          --master   the master's URL (MASTER_NODE); for worker and leecher; on a master, its parent master
          --api      serve the Kubo-compatible /api/v0 subset (always on for master)
          --help     print this text

        Environment: IPFS_KIT_ROLE, MASTER_NODE, MAX_MEMORY (e.g. 512M; leecher 64M), MAX_STORAGE (e.g. 4G; leecher 1G),
          IPFS_KIT_API_HOST (default 127.0.0.1), IPFS_KIT_API_PORT (default 8000), IPFS_KIT_LOG_LEVEL,
          IPFS_KIT_CONFIG_FILE (JSON), IPFS_PATH (default ~/.ipfs-kit), IPFS_KIT_API_TOKEN (bearer secret;
          required, 16+ bytes, unless bound to loopback), IPFS_KIT_ADVERTISE_URL (how the master reaches a worker; default
          http://IPFS_KIT_API_HOST:IPFS_KIT_API_PORT), IPFS_KIT_ZONE (a worker's failure domain),
          IPFS_KIT_TAGS (a worker's tags, comma-separated, e.g. ssd,eu; pins may require or prefer them),
          IPFS_KIT_SPOOL_BUDGET (a master's spool budget, e.g. 256M: adds larger than it are placed while they run),
          IPFS_KIT_AWAY_GRACE (how long a master keeps a restarting worker's placements before repairing them, e.g. 90s,
          5m, 1h or 0; default 5m),
          IPFS_KIT_KUBO_WORKERS (stock Kubo daemons a master polls as workers: RPC API URLs, comma-separated),
          IPFS_KIT_CLUSTER_MEMBERS (IPFS Clusters a master counts as members: REST API URLs, comma-separated),
          IPFS_KIT_API_ALLOWED_ORIGINS (browser origins allowed to call the API, comma-separated, or *; default none),
          IPFS_KIT_API_HOSTNAMES (extra Host names the API answers to, comma-separated; default loopback names,
          the bound address and the host of IPFS_KIT_ADVERTISE_URL), IPFS_KIT_GATEWAY_PORT (the read-only HTTP gateway's
          port; default 8080, 0 turns it off), IPFS_KIT_GATEWAY_HOST (default 127.0.0.1), IPFS_KIT_GATEWAY_TOKEN (an
          optional bearer secret for the gateway; default none, open as Kubo's), IPFS_KIT_API_TOKEN_FILE and
          IPFS_KIT_GATEWAY_TOKEN_FILE (read the secret from a file, e.g. a mounted secret; not with the variable itself),
          OFFLINE_MODE (true: an edge leecher talks to its master only in sync windows), DEVICE_ID (the leecher's id in the
          master's records), IPFS_KIT_SYNC_SCHEDULE (cron, UTC, e.g. "0 */4 * * *"), IPFS_KIT_SYNC_WINDOW (default 5m).
        """;

    /// <summary>The fewest UTF-8 bytes IPFS_KIT_API_TOKEN may have when the API binds beyond loopback.</summary>
    public const int MinimumApiTokenBytes = 16;

    /// <summary>The port the host listens on unless IPFS_KIT_API_PORT says otherwise.</summary>
    public const int DefaultApiPort = 8000;

    /// <summary>The port the gateway listens on unless IPFS_KIT_GATEWAY_PORT says otherwise.</summary>
    public const int DefaultGatewayPort = 8080;

    /// <summary>Gets every environment variable the host reads, in the order <see cref="Usage"/> lists them.</summary>
    public static IReadOnlyList<string> EnvironmentVariables { get; } =
    [
        "IPFS_KIT_ROLE", "MASTER_NODE", "MAX_MEMORY", "MAX_STORAGE", "IPFS_KIT_API_HOST", "IPFS_KIT_API_PORT",
        "IPFS_KIT_LOG_LEVEL", "IPFS_KIT_CONFIG_FILE", "IPFS_PATH", "IPFS_KIT_API_TOKEN", "IPFS_KIT_ADVERTISE_URL", "IPFS_KIT_ZONE",
        "IPFS_KIT_TAGS", "IPFS_KIT_SPOOL_BUDGET", "IPFS_KIT_KUBO_WORKERS", "IPFS_KIT_CLUSTER_MEMBERS", "IPFS_KIT_API_ALLOWED_ORIGINS", "IPFS_KIT_API_HOSTNAMES", "IPFS_KIT_GATEWAY_PORT",
        "IPFS_KIT_GATEWAY_HOST", "IPFS_KIT_GATEWAY_TOKEN", "IPFS_KIT_API_TOKEN_FILE", "IPFS_KIT_GATEWAY_TOKEN_FILE",
        "IPFS_KIT_AWAY_GRACE", "OFFLINE_MODE", "DEVICE_ID", "IPFS_KIT_SYNC_SCHEDULE", "IPFS_KIT_SYNC_WINDOW",
    ];

    /// <summary>Gets the role. <value>The default value is <see cref="NodeRole.Master"/>.</value></summary>
    public NodeRole Role { get; private init; } = NodeRole.Master;

    /// <summary>Gets the master's URL (MASTER_NODE, <c>--master</c>), or <see langword="null"/>.</summary>
    public Uri? MasterNode { get; private init; }

    /// <summary>Gets the memory budget (MAX_MEMORY), or <see langword="null"/> for the library default.</summary>
    public ByteSize? MaxMemory { get; private init; }

    /// <summary>Gets the storage budget (MAX_STORAGE), or <see langword="null"/> for the library default.</summary>
    public ByteSize? MaxStorage { get; private init; }

    /// <summary>Gets the address the API binds to. <value>The default value is <c>127.0.0.1</c>.</value></summary>
    public string ApiHost { get; private init; } = "127.0.0.1";

    /// <summary>Gets the API port. <value>The default value is 8000.</value></summary>
    public int ApiPort { get; private init; } = DefaultApiPort;

    /// <summary>Gets the minimum log level. <value>The default value is <see cref="LogLevel.Information"/>.</value></summary>
    public LogLevel LogLevel { get; private init; } = LogLevel.Information;

    /// <summary>Gets the JSON configuration file added to configuration (IPFS_KIT_CONFIG_FILE), or <see langword="null"/>.</summary>
    public string? ConfigFile { get; private init; }

    /// <summary>Gets the storage folder (IPFS_PATH). <value>The default value is <c>~/.ipfs-kit</c>.</value></summary>
    public string DataPath { get; private init; } = "";

    /// <summary>Gets the bearer secret (IPFS_KIT_API_TOKEN), or <see langword="null"/> when none is configured.</summary>
    public string? ApiToken { get; private init; }

    /// <summary>Gets whether the Kubo-compatible /api/v0 subset is served (<c>--api</c>, always for master).</summary>
    public bool ServeKuboApi { get; private init; }

    /// <summary>Gets the URL the master reaches this worker at (IPFS_KIT_ADVERTISE_URL). <value>The default value is <c>http://IPFS_KIT_API_HOST:IPFS_KIT_API_PORT</c>.</value></summary>
    public Uri AdvertisedUrl { get; private init; } = new("http://127.0.0.1:8000/");

    /// <summary>Gets the worker's failure domain (IPFS_KIT_ZONE). <value>The default value is <see langword="null"/>.</value></summary>
    public string? Zone { get; private init; }

    /// <summary>Gets the worker's tags, comma-separated (IPFS_KIT_TAGS). <value>The default value is <see langword="null"/>: none.</value></summary>
    public string? Tags { get; private init; }

    /// <summary>
    /// Gets the master's spool budget (IPFS_KIT_SPOOL_BUDGET, <c>Roles:SpoolBudget</c>), or <see langword="null"/> for the
    /// configured value. <value>The default value is <see langword="null"/>.</value>
    /// </summary>
    public ByteSize? SpoolBudget { get; private init; }

    /// <summary>
    /// Gets how long the master keeps a restarting worker's placements (IPFS_KIT_AWAY_GRACE, <c>Roles:AwayGrace</c>), or
    /// <see langword="null"/> for the configured value. <value>The default value is <see langword="null"/>.</value>
    /// </summary>
    public TimeSpan? AwayGrace { get; private init; }

    /// <summary>Gets an edge leecher's settings (OFFLINE_MODE, DEVICE_ID, IPFS_KIT_SYNC_SCHEDULE, IPFS_KIT_SYNC_WINDOW).</summary>
    public EdgeSettings Edge { get; private init; } = new(null, null, null, null);

    /// <summary>
    /// Gets the RPC API URLs of the stock Kubo daemons a master polls as workers (IPFS_KIT_KUBO_WORKERS, comma-separated),
    /// added to <c>IpfsKit:Roles:KuboWorkers</c>. <value>The default value is empty.</value>
    /// </summary>
    public IReadOnlyList<Uri> KuboWorkers { get; private init; } = [];

    /// <summary>
    /// Gets the REST API URLs of the IPFS Clusters a master counts as members (IPFS_KIT_CLUSTER_MEMBERS, comma-separated),
    /// added to <c>IpfsKit:Roles:ClusterMembers</c>. <value>The default value is empty.</value>
    /// </summary>
    public IReadOnlyList<Uri> ClusterMembers { get; private init; } = [];

    /// <summary>
    /// Gets the browser origins (<c>scheme://host[:port]</c>, or <c>*</c>) allowed to call the API besides the node's own
    /// (IPFS_KIT_API_ALLOWED_ORIGINS). <value>The default value is empty: cross-origin browser requests are refused.</value>
    /// </summary>
    public IReadOnlyList<string> AllowedOrigins { get; private init; } = [];

    /// <summary>
    /// Gets the extra names (<c>host</c> or <c>host:port</c>) a request's Host header may carry (IPFS_KIT_API_HOSTNAMES);
    /// when set, the Host header is checked even with a token. <value>The default value is empty.</value>
    /// </summary>
    public IReadOnlyList<string> ApiHostnames { get; private init; } = [];

    /// <summary>Gets the gateway's port (IPFS_KIT_GATEWAY_PORT), 0 when it is off. <value>The default value is 8080.</value></summary>
    public int GatewayPort { get; private init; } = DefaultGatewayPort;

    /// <summary>Gets the address the gateway binds to (IPFS_KIT_GATEWAY_HOST). <value>The default value is <c>127.0.0.1</c>.</value></summary>
    public string GatewayHost { get; private init; } = "127.0.0.1";

    /// <summary>
    /// Gets the gateway's bearer secret (IPFS_KIT_GATEWAY_TOKEN), or <see langword="null"/>. <value>The default value is
    /// <see langword="null"/>: the gateway is open, as Kubo's is (it only ever reads).</value>
    /// </summary>
    public string? GatewayToken { get; private init; }

    /// <summary>Gets whether <c>--help</c> was given.</summary>
    public bool ShowHelp { get; private init; }

    /// <summary>Gets whether <see cref="ApiHost"/> is a loopback address.</summary>
    public bool IsLoopback => IsLoopbackHost(ApiHost);

    /// <summary>Reads the settings from environment variables and command-line arguments.</summary>
    /// <param name="environment">The environment variables (e.g. <see cref="Environment.GetEnvironmentVariables()"/>).</param>
    /// <param name="args">The command-line arguments.</param>
    /// <returns>The validated settings.</returns>
    /// <exception cref="NodeSettingsException">A value is invalid; the message names every offending variable.</exception>
    public static NodeSettings FromEnvironment(IDictionary environment, string[] args)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(args);
        var errors = new List<string>();
        string? Get(string name) => environment[name] is string { Length: > 0 } value ? value.Trim() : null;

        var roleText = Get("IPFS_KIT_ROLE");
        var roleSource = "IPFS_KIT_ROLE";
        var masterText = Get("MASTER_NODE");
        var masterSource = "MASTER_NODE";
        bool api = false, help = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h":
                    help = true;
                    break;
                case "--api":
                    api = true;
                    break;
                case "--role" or "--master" when i + 1 >= args.Length:
                    errors.Add($"{args[i]}: a value is required.");
                    break;
                case "--role":
                    (roleText, roleSource) = (args[++i], "--role");
                    break;
                case "--master":
                    (masterText, masterSource) = (args[++i], "--master");
                    break;
                default:
                    errors.Add($"{args[i]}: unknown argument (see --help).");
                    break;
            }
        }

        var role = NodeRole.Master;
        if (roleText is not null && !TryParseRole(roleText, out role))
        {
            errors.Add($"{roleSource}: '{roleText}' is not a role (master, worker or leecher).");
            role = NodeRole.Master; // checks that depend on the role would only add false errors
        }

        var master = ReadHttpUrl(masterText, masterSource, errors);

        var maxMemory = ReadSize(Get("MAX_MEMORY"), "MAX_MEMORY", errors);
        var maxStorage = ReadSize(Get("MAX_STORAGE"), "MAX_STORAGE", errors);

        var host = Get("IPFS_KIT_API_HOST") ?? "127.0.0.1";
        if (host != "localhost" && !IPAddress.TryParse(host, out _))
        {
            errors.Add($"IPFS_KIT_API_HOST: '{host}' is not an IP address or 'localhost'.");
        }

        var port = DefaultApiPort;
        if (Get("IPFS_KIT_API_PORT") is { } portText
            && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            errors.Add($"IPFS_KIT_API_PORT: '{portText}' is not a port number (1-65535).");
        }

        var gatewayHost = Get("IPFS_KIT_GATEWAY_HOST") ?? "127.0.0.1";
        if (gatewayHost != "localhost" && !IPAddress.TryParse(gatewayHost, out _))
        {
            errors.Add($"IPFS_KIT_GATEWAY_HOST: '{gatewayHost}' is not an IP address or 'localhost'.");
        }

        var gatewayPort = DefaultGatewayPort;
        if (Get("IPFS_KIT_GATEWAY_PORT") is { } gatewayPortText
            && (!int.TryParse(gatewayPortText, NumberStyles.None, CultureInfo.InvariantCulture, out gatewayPort) || gatewayPort > 65535))
        {
            errors.Add($"IPFS_KIT_GATEWAY_PORT: '{gatewayPortText}' is not a port number (1-65535, or 0 for no gateway).");
        }
        else if (gatewayPort != 0 && gatewayPort == port)
        {
            errors.Add($"IPFS_KIT_GATEWAY_PORT: {gatewayPort} is also the API's port (IPFS_KIT_API_PORT); the gateway needs its own.");
        }

        var level = LogLevel.Information;
        if (Get("IPFS_KIT_LOG_LEVEL") is { } levelText && !TryParseLevel(levelText, out level))
        {
            errors.Add($"IPFS_KIT_LOG_LEVEL: '{levelText}' is not a log level (trace, debug, information, warning, error, critical, none).");
        }

        var configFile = Get("IPFS_KIT_CONFIG_FILE");
        if (configFile is not null && !File.Exists(configFile))
        {
            errors.Add($"IPFS_KIT_CONFIG_FILE: '{configFile}' does not exist.");
        }

        var dataPath = Get("IPFS_PATH") ?? Path.Combine(Get("HOME") ?? Get("USERPROFILE") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ipfs-kit");
        if (dataPath.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            errors.Add($"IPFS_PATH: '{dataPath.Replace("\0", "\\0", StringComparison.Ordinal)}' is not a usable folder path.");
            dataPath = ".";
        }
        else if (FileInTheWay(dataPath) is { } file)
        {
            errors.Add(file == Path.GetFullPath(dataPath)
                ? $"IPFS_PATH: '{dataPath}' is a file, not a folder."
                : $"IPFS_PATH: '{dataPath}' cannot be a folder: '{file}' is a file.");
        }

        if (role is NodeRole.Worker or NodeRole.Leecher && master is null && masterText is null)
        {
            errors.Add($"MASTER_NODE: required for the {role.ToString().ToLowerInvariant()} role (or pass --master URL).");
        }

        var advertisedText = Get("IPFS_KIT_ADVERTISE_URL");
        var advertised = ReadHttpUrl(advertisedText, "IPFS_KIT_ADVERTISE_URL", errors);
        var member = role == NodeRole.Worker || (role == NodeRole.Master && master is not null); // a sub-cluster's master joins its parent
        if (advertisedText is null && member && host is "0.0.0.0" or "::")
        {
            errors.Add($"IPFS_KIT_ADVERTISE_URL: required for a {(role == NodeRole.Worker ? "worker" : "sub-cluster's master")} listening on {host}: its master cannot reach it at a loopback address (e.g. http://{(role == NodeRole.Worker ? "worker-1" : "sub-a")}:{port.ToString(CultureInfo.InvariantCulture)}).");
        }

        var advertisedHost = host is "0.0.0.0" or "::" ? "127.0.0.1" : host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;
        if (advertised is null && !Uri.TryCreate($"http://{advertisedHost}:{port.ToString(CultureInfo.InvariantCulture)}/", UriKind.Absolute, out advertised))
        {
            advertised = new Uri("http://127.0.0.1:8000/"); // host or port is invalid and already reported
        }

        var (apiToken, apiTokenSource) = SecretSettings.Read(Get, "IPFS_KIT_API_TOKEN", errors);
        var (gatewayToken, gatewayTokenSource) = SecretSettings.Read(Get, "IPFS_KIT_GATEWAY_TOKEN", errors);
        SecretSettings.RefusePlaceholder(gatewayToken, gatewayTokenSource, errors);
        var settings = new NodeSettings
        {
            Role = role,
            MasterNode = master,
            MaxMemory = maxMemory,
            MaxStorage = maxStorage,
            ApiHost = host,
            ApiPort = port,
            LogLevel = level,
            ConfigFile = configFile is null ? null : Path.GetFullPath(configFile),
            DataPath = Path.GetFullPath(dataPath),
            ApiToken = ApiAccessRules.ReadToken(apiToken, host, IsLoopbackHost(host), errors, apiTokenSource),
            ServeKuboApi = api || role != NodeRole.Leecher, // the master pushes blocks and pins to workers through it
            ShowHelp = help,
            AdvertisedUrl = advertised,
            Zone = Get("IPFS_KIT_ZONE"),
            Tags = ReadTags(Get("IPFS_KIT_TAGS"), errors),
            SpoolBudget = ReadSize(Get("IPFS_KIT_SPOOL_BUDGET"), "IPFS_KIT_SPOOL_BUDGET", errors),
            AwayGrace = ReadDuration(Get("IPFS_KIT_AWAY_GRACE"), "IPFS_KIT_AWAY_GRACE", errors),
            Edge = EdgeSettings.Read(Get, role, ReadDuration(Get("IPFS_KIT_SYNC_WINDOW"), "IPFS_KIT_SYNC_WINDOW", errors), errors),
            KuboWorkers = ReadUrls(Get("IPFS_KIT_KUBO_WORKERS"), "IPFS_KIT_KUBO_WORKERS", errors),
            ClusterMembers = ReadUrls(Get("IPFS_KIT_CLUSTER_MEMBERS"), "IPFS_KIT_CLUSTER_MEMBERS", errors),
            AllowedOrigins = ApiAccessRules.ReadOrigins(Get("IPFS_KIT_API_ALLOWED_ORIGINS"), errors),
            ApiHostnames = ApiAccessRules.ReadHostnames(Get("IPFS_KIT_API_HOSTNAMES"), errors),
            GatewayPort = gatewayPort,
            GatewayHost = gatewayHost,
            GatewayToken = gatewayToken,
        };

        if (settings.ApiToken is null && !settings.IsLoopback && errors.Count == 0)
        {
            errors.Add($"IPFS_KIT_API_TOKEN (or IPFS_KIT_API_TOKEN_FILE): required when IPFS_KIT_API_HOST ('{host}') is not a loopback address.");
        }

        return errors.Count == 0 || help ? settings : throw new NodeSettingsException(errors);
    }

    /// <summary>
    /// Reads where the <c>ipfs-kit</c> CLI finds a node by default: <c>http://IPFS_KIT_API_HOST:IPFS_KIT_API_PORT/</c>
    /// (a wildcard host is reached on loopback) and the bearer secret IPFS_KIT_API_TOKEN. Lenient: a value the host
    /// would refuse falls back to its default, since the CLI only needs an address to try.
    /// </summary>
    /// <param name="environment">The environment variables.</param>
    /// <returns>The node's URL and the token (IPFS_KIT_API_TOKEN or the file IPFS_KIT_API_TOKEN_FILE names), or <see langword="null"/> when neither is set.</returns>
    public static (Uri NodeUrl, string? Token) ClientDefaults(IDictionary environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? Get(string name) => environment[name] is string { Length: > 0 } value ? value.Trim() : null;
        var host = Get("IPFS_KIT_API_HOST") ?? "127.0.0.1";
        if (host != "localhost" && !IPAddress.TryParse(host, out _))
        {
            host = "127.0.0.1";
        }

        host = host is "0.0.0.0" or "::" ? "127.0.0.1" : host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;
        var port = Get("IPFS_KIT_API_PORT") is { } text && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= 65535
            ? p
            : DefaultApiPort;
        return (new Uri($"http://{host}:{port.ToString(CultureInfo.InvariantCulture)}/"), SecretSettings.Read(Get, "IPFS_KIT_API_TOKEN", errors: null).Value);
    }

    private static bool IsLoopbackHost(string host) => host == "localhost" || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>The path itself or the nearest existing ancestor when it is a file, or <see langword="null"/>.</summary>
    private static string? FileInTheWay(string path)
    {
        for (var current = Path.GetFullPath(path); current is not null; current = Path.GetDirectoryName(current))
        {
            if (File.Exists(current))
            {
                return current;
            }

            if (Directory.Exists(current))
            {
                return null;
            }
        }

        return null;
    }

    private static bool TryParseRole(string text, out NodeRole role) =>
        Enum.TryParse(text, ignoreCase: true, out role) && Enum.IsDefined(role) && !char.IsDigit(text[0]);

    private static bool TryParseLevel(string text, out LogLevel level)
    {
        var normalized = text.ToUpperInvariant() switch
        {
            "INFO" => nameof(LogLevel.Information),
            "WARN" => nameof(LogLevel.Warning),
            "FATAL" => nameof(LogLevel.Critical),
            _ => text,
        };
        return Enum.TryParse(normalized, ignoreCase: true, out level) && Enum.IsDefined(level) && !char.IsDigit(text[0]);
    }

    private static Uri? ReadHttpUrl(string? text, string source, List<string> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            return url;
        }

        errors.Add($"{source}: '{text}' is not an absolute http(s) URL.");
        return null;
    }

    private static Uri[] ReadUrls(string? text, string source, List<string> errors) =>
        text is null ? [] : [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(url => ReadHttpUrl(url, source, errors)).OfType<Uri>()];

    private static string? ReadTags(string? text, List<string> errors)
    {
        try
        {
            return text is null ? null : string.Join(',', MemberTags.Parse(text));
        }
        catch (ArgumentException e)
        {
            errors.Add($"IPFS_KIT_TAGS: {e.Message}.");
            return null;
        }
    }

    /// <summary>Reads a duration: a whole number with a unit (<c>90s</c>, <c>5m</c>, <c>1h</c>), <c>0</c>, or <c>hh:mm:ss</c>.</summary>
    private static TimeSpan? ReadDuration(string? text, string name, List<string> errors)
    {
        if (text is null)
        {
            return null;
        }

        var unit = text[^1] switch { 's' => TimeSpan.FromSeconds(1), 'm' => TimeSpan.FromMinutes(1), 'h' => TimeSpan.FromHours(1), _ => (TimeSpan?)null };
        if (text == "0")
        {
            return TimeSpan.Zero;
        }

        if (unit is { } one && int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return one * count;
        }

        if (unit is null && TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero)
        {
            return span;
        }

        errors.Add($"{name}: '{text}' is not a duration (e.g. 90s, 5m, 1h, 0 or 00:05:00).");
        return null;
    }

    private static ByteSize? ReadSize(string? text, string name, List<string> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (ByteSize.TryParse(text, out var size))
        {
            return size;
        }

        errors.Add($"{name}: '{text}' is not a size (e.g. 512M, 4G).");
        return null;
    }
}
