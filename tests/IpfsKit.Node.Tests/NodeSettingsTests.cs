using System.Collections;
using IpfsKit.Roles;
using IpfsKit.Storage;
using Microsoft.Extensions.Logging;

namespace IpfsKit.Node.Tests;

[Trait("Category", "Host")]
public sealed partial class NodeSettingsTests
{
    private static NodeSettings Read(Dictionary<string, string> env, params string[] args) =>
        NodeSettings.FromEnvironment(new Hashtable(env), args);

    private static string Fails(Dictionary<string, string> env, params string[] args) =>
        Assert.Throws<NodeSettingsException>(() => Read(env, args)).Message;

    [Fact]
    public void FromEnvironment_Empty_UsesDefaults()
    {
        var settings = Read(new() { ["HOME"] = "/home/someone" });

        Assert.Equal(NodeRole.Master, settings.Role);
        Assert.Null(settings.MasterNode);
        Assert.Null(settings.MaxMemory);
        Assert.Null(settings.MaxStorage);
        Assert.Equal("127.0.0.1", settings.ApiHost);
        Assert.Equal(8000, settings.ApiPort);
        Assert.Equal(LogLevel.Information, settings.LogLevel);
        Assert.Null(settings.ConfigFile);
        Assert.Equal("/home/someone/.ipfs-kit", settings.DataPath);
        Assert.Null(settings.ApiToken);
        Assert.True(settings.ServeKuboApi);
        Assert.True(settings.IsLoopback);
        Assert.False(settings.ShowHelp);
        Assert.Empty(settings.AllowedOrigins);
        Assert.Empty(settings.ApiHostnames);
        Assert.Equal(8080, settings.GatewayPort);
        Assert.Equal("127.0.0.1", settings.GatewayHost);
        Assert.Null(settings.GatewayToken);
    }

    [Fact]
    public void FromEnvironment_EveryVariable_IsRead()
    {
        var config = Path.GetTempFileName();
        try
        {
            var settings = Read(new()
            {
                ["IPFS_KIT_ROLE"] = "Worker",
                ["MASTER_NODE"] = "http://master.example:8000/",
                ["MAX_MEMORY"] = "256M",
                ["MAX_STORAGE"] = "4G",
                ["IPFS_KIT_API_HOST"] = "0.0.0.0",
                ["IPFS_KIT_API_PORT"] = "9123",
                ["IPFS_KIT_LOG_LEVEL"] = "warn",
                ["IPFS_KIT_CONFIG_FILE"] = config,
                ["IPFS_PATH"] = "/data/ipfs",
                ["IPFS_KIT_API_TOKEN"] = "s3cret-0123456789",
                ["IPFS_KIT_ADVERTISE_URL"] = "http://worker-1.example:9123/",
                ["IPFS_KIT_ZONE"] = "rack-a",
                ["IPFS_KIT_API_ALLOWED_ORIGINS"] = "http://app.example",
                ["IPFS_KIT_API_HOSTNAMES"] = "worker-1.example",
                ["IPFS_KIT_GATEWAY_PORT"] = "0",
                ["IPFS_KIT_GATEWAY_HOST"] = "0.0.0.0",
                ["IPFS_KIT_GATEWAY_TOKEN"] = " gw-token ",
                ["IPFS_KIT_AWAY_GRACE"] = "90s",
                ["IPFS_KIT_KUBO_WORKERS"] = "http://10.0.0.5:5001, http://10.0.0.6:5001",
                ["IPFS_KIT_CLUSTER_MEMBERS"] = "http://10.0.1.5:9094",
            });

            Assert.Equal(NodeRole.Worker, settings.Role);
            Assert.Equal(new Uri("http://master.example:8000/"), settings.MasterNode);
            Assert.Equal(ByteSize.FromMebibytes(256), settings.MaxMemory);
            Assert.Equal(ByteSize.FromGibibytes(4), settings.MaxStorage);
            Assert.Equal("0.0.0.0", settings.ApiHost);
            Assert.False(settings.IsLoopback);
            Assert.Equal(9123, settings.ApiPort);
            Assert.Equal(LogLevel.Warning, settings.LogLevel);
            Assert.Equal(config, settings.ConfigFile);
            Assert.Equal("/data/ipfs", settings.DataPath);
            Assert.Equal("s3cret-0123456789", settings.ApiToken);
            Assert.True(settings.ServeKuboApi);
            Assert.Equal(new Uri("http://worker-1.example:9123/"), settings.AdvertisedUrl);
            Assert.Equal("rack-a", settings.Zone);
            Assert.Equal(["http://app.example"], settings.AllowedOrigins);
            Assert.Equal(["worker-1.example"], settings.ApiHostnames);
            Assert.Equal(0, settings.GatewayPort); // off
            Assert.Equal("0.0.0.0", settings.GatewayHost);
            Assert.Equal("gw-token", settings.GatewayToken);
            Assert.Equal(TimeSpan.FromSeconds(90), settings.AwayGrace);
            Assert.Equal([new Uri("http://10.0.0.5:5001"), new Uri("http://10.0.0.6:5001")], settings.KuboWorkers);
            Assert.Equal([new Uri("http://10.0.1.5:9094")], settings.ClusterMembers);
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Theory]
    [InlineData("worker")]
    [InlineData("leecher")]
    public void FromEnvironment_WorkerOrLeecherWithoutMaster_NamesMasterNode(string role)
    {
        var error = Assert.Throws<NodeSettingsException>(() => Read(new() { ["IPFS_KIT_ROLE"] = role }));

        Assert.Contains("MASTER_NODE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_WorkerOnAllInterfacesWithoutAdvertisedUrl_NamesIt()
    {
        var error = Assert.Throws<NodeSettingsException>(() => Read(new()
        {
            ["IPFS_KIT_ROLE"] = "worker",
            ["MASTER_NODE"] = "http://master:8000",
            ["IPFS_KIT_API_HOST"] = "0.0.0.0",
            ["IPFS_KIT_API_TOKEN"] = "token-0123456789abcdef",
        }));

        Assert.Contains("IPFS_KIT_ADVERTISE_URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_NoAdvertisedUrl_DefaultsToTheListeningAddress()
    {
        var settings = Read(new() { ["IPFS_KIT_API_PORT"] = "9001" });

        Assert.Equal(new Uri("http://127.0.0.1:9001/"), settings.AdvertisedUrl);
    }

    [Fact]
    public void FromEnvironment_CommandLine_WinsOverEnvironment()
    {
        var settings = Read(
            new() { ["IPFS_KIT_ROLE"] = "master", ["MASTER_NODE"] = "http://a:1" },
            "--role", "leecher", "--master", "https://b:2/", "--api");

        Assert.Equal(NodeRole.Leecher, settings.Role);
        Assert.Equal(new Uri("https://b:2/"), settings.MasterNode);
        Assert.True(settings.ServeKuboApi);
    }

    [Fact]
    public void FromEnvironment_Help_IsReportedEvenWithBadValues()
    {
        Assert.True(Read(new() { ["IPFS_KIT_API_PORT"] = "x" }, "--help").ShowHelp);
        Assert.Contains("--role", NodeSettings.Usage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("IPFS_KIT_API_PORT", "abc", "IPFS_KIT_API_PORT: 'abc' is not a port number (1-65535)")]
    [InlineData("IPFS_KIT_API_PORT", "0", "IPFS_KIT_API_PORT: '0' is not a port number")]
    [InlineData("IPFS_KIT_API_PORT", "70000", "IPFS_KIT_API_PORT: '70000'")]
    [InlineData("IPFS_KIT_API_PORT", "-5", "IPFS_KIT_API_PORT: '-5'")]
    [InlineData("IPFS_KIT_ROLE", "boss", "IPFS_KIT_ROLE: 'boss' is not a role")]
    [InlineData("IPFS_KIT_ROLE", "1", "IPFS_KIT_ROLE: '1'")]
    [InlineData("MASTER_NODE", "not a url", "MASTER_NODE: 'not a url' is not an absolute http(s) URL")]
    [InlineData("MASTER_NODE", "/relative", "MASTER_NODE: '/relative'")]
    [InlineData("MAX_MEMORY", "lots", "MAX_MEMORY: 'lots' is not a size")]
    [InlineData("MAX_STORAGE", "4Q", "MAX_STORAGE: '4Q' is not a size")]
    [InlineData("IPFS_KIT_API_HOST", "my host", "IPFS_KIT_API_HOST: 'my host'")]
    [InlineData("IPFS_KIT_LOG_LEVEL", "loud", "IPFS_KIT_LOG_LEVEL: 'loud' is not a log level")]
    [InlineData("IPFS_KIT_CONFIG_FILE", "/no/such/file.json", "IPFS_KIT_CONFIG_FILE: '/no/such/file.json' does not exist")]
    [InlineData("IPFS_PATH", "bad\0path", "IPFS_PATH:")]
    [InlineData("IPFS_KIT_GATEWAY_PORT", "http", "IPFS_KIT_GATEWAY_PORT: 'http' is not a port number (1-65535, or 0 for no gateway)")]
    [InlineData("IPFS_KIT_GATEWAY_PORT", "65536", "IPFS_KIT_GATEWAY_PORT: '65536'")]
    [InlineData("IPFS_KIT_GATEWAY_PORT", "8000", "IPFS_KIT_GATEWAY_PORT: 8000 is also the API's port")]
    [InlineData("IPFS_KIT_KUBO_WORKERS", "http://10.0.0.5:5001,10.0.0.6:5001", "IPFS_KIT_KUBO_WORKERS: '10.0.0.6:5001' is not an absolute http(s) URL")]
    [InlineData("IPFS_KIT_CLUSTER_MEMBERS", "ftp://cluster:9094", "IPFS_KIT_CLUSTER_MEMBERS: 'ftp://cluster:9094' is not an absolute http(s) URL")]
    [InlineData("IPFS_KIT_GATEWAY_HOST", "gateway host", "IPFS_KIT_GATEWAY_HOST: 'gateway host' is not an IP address")]
    [InlineData("IPFS_KIT_AWAY_GRACE", "5 minutes", "IPFS_KIT_AWAY_GRACE: '5 minutes' is not a duration (e.g. 90s, 5m, 1h, 0 or 00:05:00)")]
    [InlineData("IPFS_KIT_AWAY_GRACE", "-5m", "IPFS_KIT_AWAY_GRACE: '-5m'")]
    [InlineData("IPFS_KIT_AWAY_GRACE", "-00:05:00", "IPFS_KIT_AWAY_GRACE: '-00:05:00'")]
    [InlineData("DEVICE_ID", "my device", "DEVICE_ID: 'my device' is not a device id: it contains a space")]
    [InlineData("DEVICE_ID", "pi-0123456789012345678901234567890123456789012345678901234567890123", "DEVICE_ID: 'pi-0123456789012345678901234567890123456789012345678901234567890123' is not a device id: it has 67 characters, more than 64")]
    [InlineData("IPFS_KIT_SYNC_SCHEDULE", "every four hours", "IPFS_KIT_SYNC_SCHEDULE: 'every four hours' is not a cron expression")]
    [InlineData("IPFS_KIT_SYNC_SCHEDULE", "0 25 * * *", "IPFS_KIT_SYNC_SCHEDULE: '0 25 * * *' is not a cron expression")]
    [InlineData("IPFS_KIT_SYNC_WINDOW", "0", "IPFS_KIT_SYNC_WINDOW: a sync window must be above zero")]
    [InlineData("OFFLINE_MODE", "maybe", "OFFLINE_MODE: 'maybe' is not true or false")]
    public void FromEnvironment_BadValue_NamesTheVariable(string variable, string value, string expected)
    {
        var message = Fails(new() { [variable] = value });

        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_EdgeLeecher_ReadsOfflineModeDeviceIdAndSchedule()
    {
        var edge = Read(new()
        {
            ["IPFS_KIT_ROLE"] = "leecher",
            ["MASTER_NODE"] = "http://master.example:8000/",
            ["OFFLINE_MODE"] = "true",
            ["DEVICE_ID"] = "pi-42",
            ["IPFS_KIT_SYNC_SCHEDULE"] = "0 */4 * * *",
            ["IPFS_KIT_SYNC_WINDOW"] = "10m",
        }).Edge;
        var roles = new RolesOptions();
        edge.ApplyTo(roles);

        Assert.Equal((true, "pi-42", "0 */4 * * *", TimeSpan.FromMinutes(10)), (roles.OfflineMode, roles.DeviceId, roles.SyncSchedule, roles.SyncWindow));
        Assert.Contains("OFFLINE_MODE, DEVICE_ID and IPFS_KIT_SYNC_SCHEDULE are for the leecher role, not worker", Fails(new()
        {
            ["IPFS_KIT_ROLE"] = "worker", ["MASTER_NODE"] = "http://master.example:8000/", ["OFFLINE_MODE"] = "true",
        }), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5m", 300)]
    [InlineData("1h", 3600)]
    [InlineData("0", 0)]
    [InlineData("00:02:30", 150)]
    public void FromEnvironment_AwayGrace_ReadsUnitsAndTimeSpans(string value, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Read(new() { ["IPFS_KIT_AWAY_GRACE"] = value }).AwayGrace);
    }

    [Fact]
    public void FromEnvironment_SeveralBadValues_NamesEach()
    {
        var error = Assert.Throws<NodeSettingsException>(() => Read(new() { ["IPFS_KIT_API_PORT"] = "abc", ["MAX_MEMORY"] = "x" }));

        Assert.Equal(2, error.Errors.Count);
    }

    [Fact]
    public void FromEnvironment_NonLoopbackWithoutToken_IsRefusedNamingTheToken()
    {
        var message = Fails(new() { ["IPFS_KIT_API_HOST"] = "0.0.0.0" });

        Assert.Contains("IPFS_KIT_API_TOKEN", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("::1")]
    [InlineData("127.0.0.2")]
    public void FromEnvironment_LoopbackWithoutToken_IsAllowed(string host) =>
        Assert.True(Read(new() { ["IPFS_KIT_API_HOST"] = host }).IsLoopback);

    [Theory]
    [InlineData("--role")]
    [InlineData("--master")]
    [InlineData("--bogus")]
    public void FromEnvironment_BadArgument_NamesTheArgument(string argument) =>
        Assert.Contains(argument, Fails([], argument), StringComparison.Ordinal);

    [Fact]
    public void FromEnvironment_BadRoleArgument_NamesTheArgument() =>
        Assert.Contains("--role: 'x'", Fails([], "--role", "x"), StringComparison.Ordinal);
}
