using System.Text.Json.Serialization;
using IpfsKit.Roles;
using IpfsKit.Storage;
using IpfsKit.Transports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IpfsKit.Tests.DependencyInjection;

[Trait("Category", "Transport")]
public sealed partial class AddIpfsKitTests
{
    [Fact]
    public void AddIpfsKit_ConfigurationSection_BindsSeedStrings()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["IpfsKit:Transport"] = "KuboRpc",
            ["IpfsKit:Endpoint"] = "http://127.0.0.1:5001",
            ["IpfsKit:Storage:Path"] = "/tmp/ipfskit-test-binding",
            ["IpfsKit:Storage:MaxMemory"] = "64M",
            ["IpfsKit:Storage:MaxStorage"] = "500G",
            ["IpfsKit:Resilience:MaxRetryAttempts"] = "5",
        }).Build();
        using var services = new ServiceCollection().AddIpfsKit(configuration.GetSection(IpfsKitOptions.SectionName)).Services.BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<IpfsKitOptions>>().Value;

        Assert.Equal(TransportKind.KuboRpc, options.Transport);
        Assert.Equal(new Uri("http://127.0.0.1:5001"), options.Endpoint);
        Assert.Equal(ByteSize.FromMebibytes(64), options.Storage.MaxMemory);
        Assert.Equal(ByteSize.FromGibibytes(500), options.Storage.MaxStorage);
        Assert.Equal(5, options.Resilience.MaxRetryAttempts);
    }

    [Fact]
    public void AddIpfsKit_RemoteTransportWithoutEndpoint_FailsValidationNamingTheKey()
    {
        using var services = new ServiceCollection().AddIpfsKit(o => o.Transport = TransportKind.Gateway).Services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<IpfsKitOptions>>().Value);

        Assert.Contains("IpfsKit:Endpoint is required for the Gateway transport", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Endpoint", "localhost:5001")]
    [InlineData("Endpoint", "ftp://127.0.0.1:5001")]
    [InlineData("Endpoint", "/api")]
    [InlineData("ClusterEndpoint", "cluster:9094")]
    public void AddIpfsKit_EndpointNotHttp_FailsValidationNamingKeyAndValue(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["IpfsKit:Transport"] = "KuboRpc",
            ["IpfsKit:" + key] = value,
            ["IpfsKit:Endpoint"] = key == "Endpoint" ? value : "http://127.0.0.1:5001",
        }).Build();
        using var services = new ServiceCollection().AddIpfsKit(configuration.GetSection("IpfsKit")).Services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<IpfsKitOptions>>().Value);

        Assert.Contains($"IpfsKit:{key} '{value}' must be an absolute http or https URL", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddKeyedIpfsKit_BadEndpoint_FailsValidationNamingTheClientKeyAndLeavesOthersValid()
    {
        var collection = new ServiceCollection();
        collection.AddIpfsKit();
        collection.AddKeyedIpfsKit("archive").UseKuboRpc(new Uri("localhost:5001"));
        collection.AddKeyedIpfsKit("reads").UseGateway(new Uri("http://127.0.0.1:8080"));
        using var services = collection.BuildServiceProvider();
        var options = services.GetRequiredService<IOptionsMonitor<IpfsKitOptions>>();

        var ex = Assert.Throws<OptionsValidationException>(() => options.Get("archive"));

        Assert.Contains("IpfsKit client 'archive' (AddKeyedIpfsKit): IpfsKit:Endpoint 'localhost:5001' must be an absolute http or https URL", ex.Message, StringComparison.Ordinal);
        Assert.Equal(TransportKind.Gateway, options.Get("reads").Transport);
        Assert.Equal(TransportKind.Embedded, options.CurrentValue.Transport);
        Assert.Throws<NotSupportedException>(() => collection.AddKeyedIpfsKit("leecher").UseRole(NodeRole.Leecher));
    }

    [Theory]
    [InlineData(false, "/tmp/blocks", "needs a remote transport (UseKuboRpc)")]
    [InlineData(true, null, "needs IpfsKit:Storage:Path")]
    public void WithOfflineOutbox_WithoutRemoteOrDiskCache_FailsValidation(bool remote, string? storagePath, string expected)
    {
        var builder = new ServiceCollection().AddIpfsKit(o => o.Storage.Path = storagePath);
        if (remote)
        {
            builder.UseKuboRpc(new Uri("http://127.0.0.1:5001"));
        }

        using var services = builder.WithOfflineOutbox("outbox.db").Services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<IpfsKitOptions>>().Value);

        Assert.Contains("WithOfflineOutbox " + expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithOfflineOutbox_OnAKeyedClient_Throws()
    {
        var keyed = new ServiceCollection().AddKeyedIpfsKit("archive").UseKuboRpc(new Uri("http://127.0.0.1:5001"));

        var ex = Assert.Throws<NotSupportedException>(() => keyed.WithOfflineOutbox("outbox.db"));

        Assert.Contains("'archive'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddIpfsKit_UnknownMasterKeeps_FailsValidationNamingTheKey()
    {
        using var services = new ServiceCollection().AddIpfsKit(o => o.Roles.MasterKeeps = (MasterKeeps)7).Services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<IpfsKitOptions>>().Value);

        Assert.Contains("IpfsKit:Roles:MasterKeeps '7' must be InteriorNodes, Nothing or Everything.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddIpfsKit_NegativeAwayGrace_FailsValidationNamingTheKeyAndVariable()
    {
        using var services = new ServiceCollection().AddIpfsKit(o => o.Roles.AwayGrace = TimeSpan.FromMinutes(-1)).Services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<IpfsKitOptions>>().Value);

        Assert.Contains("IpfsKit:Roles:AwayGrace (IPFS_KIT_AWAY_GRACE)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddIpfsKit_BothTiersDisabled_FailsValidation()
    {
        using var services = new ServiceCollection().AddIpfsKit(o => o.Storage.MaxMemory = ByteSize.Zero).Services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<IpfsKitOptions>>().Value);

        Assert.Contains("disables both tiers", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddIpfsKit_RegistersReplaceableParts()
    {
        var collection = new ServiceCollection();
        var fixedTime = new FakeTimeProvider();
        collection.AddSingleton<TimeProvider>(fixedTime);

        using var services = collection.AddIpfsKit().Services.BuildServiceProvider();

        Assert.Same(fixedTime, services.GetRequiredService<TimeProvider>());
        Assert.Same(services.GetRequiredService<IIpfsKit>(), services.GetRequiredService<IIpfsKit>());
    }

    [Fact]
    public async Task EmbeddedNode_JsonAndStreamRoundTrip_ThroughTheFacade()
    {
        await using var services = new ServiceCollection().AddIpfsKit().UseEmbeddedNode(s => s.MaxMemory = ByteSize.FromMebibytes(64)).Services.BuildServiceProvider();
        var ipfs = services.GetRequiredService<IIpfsKit>();
        var reading = new SensorReading("sensor-1", 21.5, 3);

        var added = await ipfs.AddJsonAsync(reading, TestJson.Default.SensorReading);
        var back = await ipfs.CatJsonAsync(added.Cid, TestJson.Default.SensorReading);
        var bytes = new byte[1_000_000];
        new Random(5).NextBytes(bytes);
        var file = await ipfs.AddAsync(new MemoryStream(bytes));
        await using var range = await ipfs.CatAsync(file.Cid, new ByteRange(262_000, 1000));
        var slice = new MemoryStream();
        await range.CopyToAsync(slice);

        Assert.Equal(reading, back);
        Assert.Equal(bytes.AsSpan(262_000, 1000).ToArray(), slice.ToArray());
        Assert.Contains(new PinEntry(file.Cid, PinMode.Recursive), await ipfs.ListPinsAsync().ToListAsync());
        var status = await ipfs.GetStatusAsync();
        Assert.Equal(("embedded", true), (status.Transport, status.IsOnline));
        Assert.True(status.Repo!.Value.NumObjects >= 5);
        Assert.Equal("memory", Assert.Single(status.Cache).Tier);
    }

    [Fact]
    public async Task EmbeddedNode_PublishSubscribe_ThroughTheFacade()
    {
        await using var services = new ServiceCollection().AddIpfsKit().Services.BuildServiceProvider();
        var ipfs = services.GetRequiredService<IIpfsKit>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var messages = ipfs.SubscribeAsync("iot/sensor/readings", timeout.Token).GetAsyncEnumerator(timeout.Token);
        var next = messages.MoveNextAsync().AsTask();

        // The subscription is live some time after the first MoveNextAsync: publish until the reading arrives.
        while (!next.IsCompleted)
        {
            await ipfs.PublishAsync("iot/sensor/readings", "QmReading"u8.ToArray(), timeout.Token);
            await Task.WhenAny(next, Task.Delay(50, timeout.Token));
        }

        Assert.True(await next);
        Assert.Equal("QmReading"u8.ToArray(), messages.Current.Data.ToArray());
    }

    [Fact]
    public async Task Facade_Operations_AreCountedOnTheIpfsKitMeter()
    {
        // The meter is the service provider's own (from its IMeterFactory), not a process-wide one other providers share.
        await using var services = new ServiceCollection().AddIpfsKit().Services.BuildServiceProvider();
        var meterFactory = services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        var operations = new List<string>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "IpfsKit" && instrument.Name == "ipfskit.client.operations" && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "operation")
                {
                    lock (operations)
                    {
                        operations.Add((string)tag.Value!);
                    }
                }
            }
        });
        listener.Start();
        var ipfs = services.GetRequiredService<IIpfsKit>();

        var added = await ipfs.AddAsync(new MemoryStream("metered"u8.ToArray()));
        await (await ipfs.CatAsync(added.Cid)).DisposeAsync();

        lock (operations)
        {
            Assert.Contains("add", operations);
            Assert.Contains("cat", operations);
        }
    }
}

public sealed record SensorReading(string Sensor, double Celsius, int Sequence);

[JsonSerializable(typeof(SensorReading))]
internal sealed partial class TestJson : JsonSerializerContext;
