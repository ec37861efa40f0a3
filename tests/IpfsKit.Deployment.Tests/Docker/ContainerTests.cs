using System.Collections;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using IpfsKit.Node;
using YamlDotNet.RepresentationModel;

namespace IpfsKit.Deployment.Tests.Docker;

[Trait("Category", "Deployment")]
public sealed partial class ContainerTests
{
    private static readonly string[] DockerfileLines = [.. File.ReadAllLines(Path.Combine(Repo.Deployment, "Dockerfile"))
        .Where(static l => !l.TrimStart().StartsWith('#'))];

    private static IEnumerable<string[]> Instructions(string name) =>
        DockerfileLines.Where(l => l.StartsWith(name + " ", StringComparison.Ordinal)).Select(l => l[(name.Length + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public void Dockerfile_CopySources_ExistInTheBuildContext()
    {
        var copies = Instructions("COPY").Where(static a => !a.Any(static x => x.StartsWith("--from", StringComparison.Ordinal))).ToList();
        Assert.NotEmpty(copies);
        foreach (var args in copies)
        {
            foreach (var source in args.Where(static a => !a.StartsWith("--", StringComparison.Ordinal)).SkipLast(1))
            {
                Assert.True(File.Exists(Path.Combine(Repo.Root, source)) || Directory.Exists(Path.Combine(Repo.Root, source)), $"COPY {source}");
            }
        }
    }

    [Fact]
    public void Dockerfile_ExposeVolumeUser_AgreeWithTheHost()
    {
        Assert.Equal([NodeSettings.DefaultApiPort.ToString(System.Globalization.CultureInfo.InvariantCulture), NodeSettings.DefaultGatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture)], Instructions("EXPOSE").Single());
        var env = DockerEnvironment();
        Assert.Equal(env["IPFS_PATH"], Instructions("VOLUME").Single().Single());
        Assert.Equal(NodeSettings.DefaultApiPort.ToString(System.Globalization.CultureInfo.InvariantCulture), env["IPFS_KIT_API_PORT"]);
        Assert.Equal(NodeSettings.DefaultGatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture), env["IPFS_KIT_GATEWAY_PORT"]);
        Assert.Equal("::", env["IPFS_KIT_GATEWAY_HOST"]); // published: reachable from outside the container
        var user = Instructions("USER").Last().Single();
        Assert.True(user is not ("root" or "0") && !user.StartsWith("0:", StringComparison.Ordinal), "USER is not root");
        Assert.Contains(Instructions("FROM"), static a => a.Contains("mcr.microsoft.com/dotnet/sdk:10.0"));
        Assert.Contains(Instructions("FROM"), static a => a.Contains("mcr.microsoft.com/dotnet/aspnet:10.0"));
        Assert.Contains(DockerfileLines, static l => l.Contains("-a $TARGETARCH", StringComparison.Ordinal));
        Assert.Contains(DockerfileLines, static l => l.StartsWith("HEALTHCHECK", StringComparison.Ordinal) && l.Contains("healthcheck.sh", StringComparison.Ordinal)
            && l.Contains("--start-interval=", StringComparison.Ordinal) && l.Contains("--start-period=30m", StringComparison.Ordinal));
        Assert.Equal("false", env["DOTNET_hostBuilder__reloadConfigOnChange"]); // no inotify watch per node: uid 1654 shares the limit
    }

    [Fact]
    public void FromEnvironment_DockerfileEnvironmentWithToken_IsAccepted()
    {
        var env = new Hashtable(DockerEnvironment()) { ["IPFS_KIT_API_TOKEN"] = "placeholder-secret-0123456789" };
        foreach (var name in DockerEnvironment().Keys.Where(HostContract.IsHostVariable))
        {
            Assert.Contains(name, NodeSettings.EnvironmentVariables);
        }

        var settings = NodeSettings.FromEnvironment(env, []);
        Assert.False(settings.IsLoopback);
        Assert.Throws<NodeSettingsException>(() => NodeSettings.FromEnvironment(new Hashtable(DockerEnvironment()), [])); // no token
    }

    [Theory]
    [InlineData("master")]
    [InlineData("worker")]
    [InlineData("leecher")]
    public void Entrypoint_Role_StartsTheHostInThatRole(string role)
    {
        var (code, output) = RunEntrypoint(role, "--api");
        Assert.Equal(0, code);
        Assert.Equal($"/app/IpfsKit.Node.dll --role {role} --api", output.Trim());
    }

    [Theory]
    [InlineData("worker", "master", "/app/IpfsKit.Node.dll --api")] // the CMD's role is a default: the variable wins
    [InlineData("worker", null, "/app/IpfsKit.Node.dll --api")]
    [InlineData(null, "leecher", "/app/IpfsKit.Node.dll --role leecher --api")]
    [InlineData(null, null, "/app/IpfsKit.Node.dll --api")] // neither: the host's default (master)
    public void Entrypoint_RoleVariable_WinsOverThePositionalDefault(string? variable, string? positional, string expected)
    {
        var (code, output) = RunEntrypoint(variable, positional is null ? ["--api"] : [positional, "--api"]);
        Assert.Equal(0, code);
        Assert.Equal(expected, output.Trim());
    }

    [Fact]
    public void Dockerfile_DefaultRole_IsACmdNotPartOfTheEntrypoint()
    {
        Assert.Equal(["[\"/usr/local/bin/docker-entrypoint.sh\"]"], Instructions("ENTRYPOINT").Single());
        Assert.Equal(["[\"master\"]"], Instructions("CMD").Single());
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("Master")]
    [InlineData("help")]
    public void Entrypoint_NotARole_ExitsWithUsage(string argument)
    {
        Assert.Equal(64, RunEntrypoint(argument).Code);
    }

    [Fact]
    public void Entrypoint_Roles_AreExactlyTheHostRoles()
    {
        var script = File.ReadAllText(Path.Combine(Repo.Deployment, "docker-entrypoint.sh"));
        var pattern = RolePatternRegex().Match(script).Groups[1].Value;
        Assert.Equal(HostContract.Roles.Order(StringComparer.Ordinal), pattern.Split('|').Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK", 0)]
    [InlineData("HTTP/1.1 503 Service Unavailable", 1)]
    public async Task Healthcheck_HealthStatus_ExitCodeFollowsIt(string statusLine, int expected)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            var buffer = new byte[1024];
            var request = "";
            while (!request.Contains("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(buffer) is var read and > 0)
            {
                request += Encoding.ASCII.GetString(buffer, 0, read);
            }

            // The whole request is read before the answer: closing with request bytes unread would reset the
            // connection, and a reset can discard the answer before the script reads it (a flaky exit 1).
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"{statusLine}\r\nContent-Length: 0\r\n\r\n"));
            return request;
        });

        var (code, _) = Run("bash", [Path.Combine(Repo.Deployment, "healthcheck.sh")], new() { ["IPFS_KIT_API_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(expected, code);
        Assert.StartsWith("GET /health HTTP/1.0", await server, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_EnvironmentAndPorts_AgreeWithTheHost()
    {
        foreach (var file in new[] { "compose.yaml", "compose.cluster.yaml", "compose.composite.yaml", "compose.kubo.yaml", "compose.edge.yaml" })
        {
            var compose = YamlFiles.LoadSingle(Path.Combine(Repo.Deployment, file));
            var services = (YamlMappingNode)compose.Get("services")!;
            foreach (var (key, service) in services.Children)
            {
                var name = key.ToString();
                Assert.All(((YamlMappingNode)service).Children.Keys.Select(static k => k.ToString()), k => Assert.Contains(k, ComposeServiceKeys));
                if (service.Text("image") != "ipfs-kit:local")
                {
                    continue;
                }

                var env = ((YamlMappingNode)service.Get("environment")!).Children.ToDictionary(static p => p.Key.ToString(), static p => Interpolate(p.Value.ToString()));
                foreach (var variable in env.Keys.Where(HostContract.IsHostVariable))
                {
                    Assert.True(NodeSettings.EnvironmentVariables.Contains(variable), $"{file} {name}: {variable}");
                }

                Assert.Equal("true", service.Text("read_only"));
                Assert.Equal(["ALL"], service.Items("cap_drop").Select(static c => c.ToString()));
                Assert.Contains("no-new-privileges:true", service.Items("security_opt").Select(static c => c.ToString()));
                Assert.False(env.ContainsKey("IPFS_KIT_API_TOKEN"), $"{file} {name}: the token comes from a secret file, not the environment");
                var secret = env["IPFS_KIT_API_TOKEN_FILE"]["/run/secrets/".Length..];
                Assert.Contains(secret, service.Items("secrets").Select(static x => x.ToString()));
                Assert.NotNull(compose.Get("secrets", secret, "environment"));
                var secretFile = Path.GetTempFileName();
                File.WriteAllText(secretFile, "placeholder-secret-0123456789\n");
                env["IPFS_KIT_API_TOKEN_FILE"] = secretFile;

                var command = service.Items("command").Select(static c => c.ToString()).ToList();
                var role = command[0];
                var all = new Hashtable(DockerEnvironment());
                foreach (var (k, v) in env)
                {
                    all[k] = v;
                }

                var settings = NodeSettings.FromEnvironment(all, ["--role", role, .. command.Skip(1)]);
                Assert.True(settings.ServeKuboApi, $"{file} {name}: every node serves /api/v0 (the leecher with --api)");
                File.Delete(secretFile);
                Assert.Equal("placeholder-secret-0123456789", settings.ApiToken);
                if (service.Get("healthcheck") is { } healthcheck)
                {
                    Assert.Equal(["CMD", "/usr/local/bin/healthcheck.sh", "/ready"], healthcheck.Items("test").Select(static t => t.ToString()));
                }

                if (settings.Edge.OfflineMode == true)
                {
                    // An edge leecher: its master is central, not a service of the file; it syncs only in windows.
                    Assert.NotNull(settings.Edge.SyncSchedule);
                    Assert.NotNull(settings.Edge.DeviceId);
                    Assert.DoesNotContain(settings.MasterNode!.Host, services.Children.Keys.Select(static k => k.ToString()));
                }
                else if (settings.MasterNode is { } master)
                {
                    Assert.Contains(master.Host, services.Children.Keys.Select(static k => k.ToString()));
                    Assert.Equal(settings.ApiPort, master.Port);
                }

                foreach (var kubo in settings.KuboWorkers)
                {
                    // A stock Kubo daemon the master polls: a service of the file, its unauthenticated RPC API unpublished.
                    Assert.Contains(kubo.Host, services.Children.Keys.Select(static k => k.ToString()));
                    Assert.Null(services.Children[new YamlScalarNode(kubo.Host)].Get("ports"));
                }

                if (settings.Role == Roles.NodeRole.Worker || (settings.Role == Roles.NodeRole.Master && settings.MasterNode is not null))
                {
                    // A worker, or a sub-cluster's master (a master with a parent): its master reaches it at its service name.
                    Assert.Equal($"http://{name}:{settings.ApiPort}/", settings.AdvertisedUrl.ToString());
                }

                foreach (var port in service.Items("ports"))
                {
                    var published = port.ToString()!;
                    Assert.True(published.EndsWith($":{settings.ApiPort}", StringComparison.Ordinal) || published.EndsWith($":{settings.GatewayPort}", StringComparison.Ordinal), $"{published}: the API's or the gateway's port");
                }

                Assert.Contains(service.Items("volumes"), static v => v.ToString().EndsWith(":/data/ipfs", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void Prometheus_ScrapeConfig_UsesMetricsPathBearerTokenAndEveryNode()
    {
        var config = YamlFiles.LoadSingle(Path.Combine(Repo.Deployment, "monitoring", "prometheus.yml"));
        var job = config.Items("scrape_configs").Single();
        Assert.Equal("/metrics", job.Text("metrics_path"));
        Assert.Equal("Bearer", job.Text("authorization", "type"));
        Assert.Equal("/run/secrets/ipfs_kit_api_token", job.Text("authorization", "credentials_file"));
        var targets = job.Items("static_configs").SelectMany(static c => c.Items("targets")).Select(static t => t.ToString()).ToList();
        var cluster = YamlFiles.LoadSingle(Path.Combine(Repo.Deployment, "compose.cluster.yaml"));
        var nodes = ((YamlMappingNode)cluster.Get("services")!).Children.Where(static p => p.Value.Text("image") == "ipfs-kit:local").Select(static p => $"{p.Key}:{NodeSettings.DefaultApiPort}");
        Assert.Equal(nodes.Order(StringComparer.Ordinal), targets.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void GrafanaDashboard_Queries_UseOnlyMetricsTheHostExports()
    {
        var exported = ExportedMetricNames();
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Deployment, "monitoring", "grafana", "dashboards", "ipfs-kit.json")));
        var expressions = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(static p => p.GetProperty("targets").EnumerateArray()).Select(static t => t.GetProperty("expr").GetString()!).ToList();
        var used = expressions.SelectMany(static e => MetricRegex().Matches(e).Select(static m => m.Value)).ToHashSet();
        Assert.True(used.Count >= 6);
        Assert.All(used, m => Assert.Contains(m, exported));
        Assert.Equal("prometheus", YamlFiles.LoadSingle(Path.Combine(Repo.Deployment, "monitoring", "grafana", "provisioning", "datasources", "prometheus.yaml")).Items("datasources").Single().Text("uid"));
    }

    [Fact]
    public void GrafanaDashboard_JobLabel_IsAVariableEveryQueryUses()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Deployment, "monitoring", "grafana", "dashboards", "ipfs-kit.json")));
        var variables = dashboard.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray().ToList();
        var job = variables.Single(static v => v.GetProperty("name").GetString() == "job");
        var expressions = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(static p => p.GetProperty("targets").EnumerateArray()).Select(static t => t.GetProperty("expr").GetString()!)
            .Concat(variables.Where(static v => v.GetProperty("name").GetString() != "job").Select(static v => v.GetProperty("definition").GetString()!)).ToList();

        Assert.StartsWith("label_values(ipfskit_", job.GetProperty("definition").GetString(), StringComparison.Ordinal); // the jobs that export IpfsKit's metrics
        Assert.True(job.GetProperty("includeAll").GetBoolean(), "a chart or operator names its job (compose: ipfs-kit; a ServiceMonitor: the Service): All covers every one");
        Assert.All(expressions, e => Assert.Contains("job=~\"$job\"", e, StringComparison.Ordinal));
        Assert.All(expressions, e => Assert.DoesNotContain("job=\"", e, StringComparison.Ordinal));
    }

    [Fact]
    public void Dockerfile_IpfsKitCommand_IsOnThePathAndRunsTheHost()
    {
        var copy = Instructions("COPY").Single(static a => a.Contains("samples/Deployment/ipfs-kit"));
        Assert.Equal("/usr/local/bin/", copy[^1]);
        Assert.Contains("--chmod=0755", copy);

        var (code, output) = RunWithFakeDotnet(Path.Combine(Repo.Deployment, "ipfs-kit"), ["worker", "drain"], null);
        Assert.Equal(0, code);
        Assert.Equal("/app/IpfsKit.Node.dll worker drain", output.Trim()); // as the docs write it: kubectl exec … -- ipfs-kit worker drain
    }

    [Fact]
    public void Dockerfile_BuildStage_UsesTheRepositoryAnalyzerRules()
    {
        var editorconfig = Array.FindIndex(DockerfileLines, static l => l.StartsWith("COPY .editorconfig ", StringComparison.Ordinal));
        var publish = Array.FindIndex(DockerfileLines, static l => l.Contains("dotnet publish", StringComparison.Ordinal));
        var ignored = File.ReadAllLines(Path.Combine(Repo.Deployment, "Dockerfile.dockerignore"));

        Assert.True(editorconfig >= 0 && editorconfig < publish, "COPY .editorconfig before dotnet publish");
        Assert.True(File.Exists(Path.Combine(Repo.Root, ".editorconfig")));
        Assert.DoesNotContain(ignored, static l => l.Contains("editorconfig", StringComparison.Ordinal) || l.Trim() is ".*" or "**/.*");
    }

    /// <summary>
    /// The Prometheus names of the real instruments of the IpfsKit meter, named the way the host's
    /// PrometheusCollector names them: dots to underscores, a unit suffix for s/ms/By, _total for counters and
    /// _sum/_count for histograms.
    /// </summary>
    internal static HashSet<string> ExportedMetricNames()
    {
        // The library's instruments live on IpfsKitMetrics (one per service provider, made through IMeterFactory); its
        // process-wide fallback (made on first use) holds every one of them on a meter of the same name.
        _ = typeof(IpfsKit.Diagnostics.IpfsKitDiagnostics).Assembly.GetType("IpfsKit.Diagnostics.Internal.IpfsKitMetrics", throwOnError: true)!
            .GetProperty("Shared")!.GetValue(null);
        System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(
            typeof(IpfsKit.Storage.ByteSize).Assembly.GetType("IpfsKit.Storage.Internal.StorageInstruments", throwOnError: true)!.TypeHandle);
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, _) =>
        {
            if (instrument.Meter.Name != IpfsKit.Diagnostics.IpfsKitDiagnostics.Name)
            {
                return;
            }

            var name = instrument.Name.Replace('.', '_');
            var unit = instrument.Unit switch { "s" => "_seconds", "ms" => "_milliseconds", "By" => "_bytes", _ => "" };
            name = unit.Length > 0 && !name.EndsWith(unit, StringComparison.Ordinal) ? name + unit : name;
            var generic = instrument.GetType().GetGenericTypeDefinition();
            if (generic == typeof(Counter<>) || generic == typeof(ObservableCounter<>))
            {
                names.Add(name + "_total");
            }
            else if (generic == typeof(Histogram<>))
            {
                names.Add(name + "_sum");
                names.Add(name + "_count");
            }
            else
            {
                names.Add(name);
            }
        };
        listener.Start();
        return names;
    }

    private static Dictionary<string, string> DockerEnvironment()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        var text = string.Join('\n', DockerfileLines).Replace("\\\n", " ", StringComparison.Ordinal);
        foreach (var line in text.Split('\n').Where(static l => l.StartsWith("ENV ", StringComparison.Ordinal) && DockerfileLines.Length > 0).Skip(0))
        {
            foreach (Match pair in EnvPairRegex().Matches(line[4..]))
            {
                env[pair.Groups[1].Value] = pair.Groups[2].Value;
            }
        }

        return env;
    }

    private static string Interpolate(string value) => ComposeVariableRegex().Replace(value, "placeholder-secret");

    private static (int Code, string Output) RunEntrypoint(params string[] args) => RunEntrypoint(null, args);

    private static (int Code, string Output) RunEntrypoint(string? roleVariable, string[] args) =>
        RunWithFakeDotnet(Path.Combine(Repo.Deployment, "docker-entrypoint.sh"), args, roleVariable);

    /// <summary>Runs one of the image's scripts with a <c>dotnet</c> that prints its arguments.</summary>
    private static (int Code, string Output) RunWithFakeDotnet(string script, string[] args, string? roleVariable)
    {
        var fake = Directory.CreateTempSubdirectory("ipfs-kit-entrypoint");
        try
        {
            var dotnet = Path.Combine(fake.FullName, "dotnet");
            File.WriteAllText(dotnet, "#!/bin/sh\necho \"$@\"\n");
            if (!OperatingSystem.IsWindows()) // the scripts are POSIX shell; the image is Linux
            {
                File.SetUnixFileMode(dotnet, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            return Run("sh", [script, .. args], new() { ["PATH"] = $"{fake.FullName}:/usr/bin:/bin", ["IPFS_KIT_ROLE"] = roleVariable ?? "" });
        }
        finally
        {
            fake.Delete(recursive: true);
        }
    }

    private static (int Code, string Output) Run(string file, string[] args, Dictionary<string, string> env)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (k, v) in env)
        {
            info.Environment[k] = v;
        }

        if (!env.ContainsKey("IPFS_KIT_ROLE"))
        {
            info.Environment.Remove("IPFS_KIT_ROLE");
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(10_000), "the script finished");
        return (process.ExitCode, output);
    }

    private static readonly string[] ComposeServiceKeys =
        ["image", "build", "command", "environment", "ports", "volumes", "restart", "depends_on", "profiles", "secrets", "healthcheck", "read_only", "tmpfs", "cap_drop", "security_opt"];


    [GeneratedRegex("case \"\\$role\" in\\s+([a-z|]+)\\)")]
    private static partial Regex RolePatternRegex();

    [GeneratedRegex("([A-Za-z_]+)=(\\S+)")]
    private static partial Regex EnvPairRegex();

    [GeneratedRegex("\\$\\{[A-Z_]+(:?[-?][^}]*)?\\}")]
    private static partial Regex ComposeVariableRegex();

    [GeneratedRegex("ipfskit_[a-z_]+")]
    private static partial Regex MetricRegex();
}
