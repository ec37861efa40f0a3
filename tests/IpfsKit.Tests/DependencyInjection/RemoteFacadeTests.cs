using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Resilience;
using IpfsKit.Storage;
using IpfsKit.Testing.PeerRig;
using IpfsKit.Tests.Transports.Gateway;
using IpfsKit.Transports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace IpfsKit.Tests.DependencyInjection;

/// <summary>
/// The facade over a remote transport: reads go block by block through the cache tiers (each block verified), so a
/// second read is served locally. The gateway is the in-test trustless gateway over the real js-ipfs peer (the peer's
/// own gateway does not serve format=raw; see TestTrustlessGateway).
/// </summary>
[Collection("IpfsPeer")]
[Trait("Category", "Transport")]
public sealed class RemoteFacadeTests(IpfsPeerFixture fixture, ITestOutputHelper output) : IDisposable
{
    private readonly TestTrustlessGateway _gateway = new(fixture.Peer);

    public void Dispose() => _gateway.Dispose();

    [Fact]
    public async Task Gateway_SecondRead_ServedFromTheCacheTiers()
    {
        var bytes = new byte[700_000];
        new Random(11).NextBytes(bytes);
        var added = await fixture.Peer.AddAsync(new MemoryStream(bytes), "cached.bin");
        await using var services = Services(_gateway.Root);
        var ipfs = services.GetRequiredService<IIpfsKit>();

        var first = await ReadAllAsync(await ipfs.CatAsync(Cid.Parse(added.Hash)));
        var requestsAfterFirst = _gateway.Requests.Count;
        var second = await ReadAllAsync(await ipfs.CatAsync(Cid.Parse(added.Hash)));

        Assert.Equal(bytes, first);
        Assert.Equal(bytes, second);
        Assert.Equal(requestsAfterFirst, _gateway.Requests.Count);
        var status = await ipfs.GetStatusAsync();
        Assert.Equal("gateway", status.Transport);
        Assert.True(status.Cache[0].Hits >= 4, $"memory hits {status.Cache[0].Hits}");
    }

    [Fact]
    public async Task Gateway_TransientFailures_RetriedForReads()
    {
        var added = await fixture.Peer.AddAsync(new MemoryStream("retried"u8.ToArray()), "retried.txt");
        await using var services = Services(_gateway.Root);
        var ipfs = services.GetRequiredService<IIpfsKit>();
        _gateway.FailNext = 2;

        var read = await ReadAllAsync(await ipfs.CatAsync(Cid.Parse(added.Hash)));

        Assert.Equal("retried"u8.ToArray(), read);
        Assert.True(ipfs.IsOnline);
    }

    [Fact]
    public async Task Gateway_Unreachable_TypedErrorAndOffline()
    {
        await using var services = Services(new Uri("http://127.0.0.1:1/"));
        var ipfs = services.GetRequiredService<IIpfsKit>();
        var cid = Cid.Parse("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o");

        await Assert.ThrowsAsync<IpfsKitRemoteException>(() => ipfs.CatAsync(cid));

        Assert.False(ipfs.IsOnline);
    }

    [Fact]
    public async Task Gateway_FailingEndpoint_CircuitOpensThenClosesAfterItsBreak()
    {
        var added = await fixture.Peer.AddAsync(new MemoryStream("breaker"u8.ToArray()), "breaker.txt");
        var cid = Cid.Parse(added.Hash);
        var time = new FakeTimeProvider(); // the breaker's clock: its break passes when the test says so
        await using var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(time)
            .AddIpfsKit(o =>
            {
                o.Resilience = new IpfsKitResilienceOptions
                {
                    MaxRetryAttempts = 0,
                    MinimumThroughput = 4,
                    FailureRatio = 0.5,
                    BreakDuration = TimeSpan.FromSeconds(1),
                };
            })
            .UseGateway(_gateway.Root)
            .Services.BuildServiceProvider();
        var ipfs = services.GetRequiredService<IIpfsKit>();
        _gateway.FailNext = 1000;

        for (var i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<IpfsKitRemoteException>(() => ipfs.CatAsync(cid));
        }

        var requestsBefore = _gateway.Requests.Count;
        var open = await Assert.ThrowsAsync<IpfsKitRemoteException>(() => ipfs.CatAsync(cid));
        Assert.Contains("circuit", open.Message, StringComparison.Ordinal);
        Assert.Equal(requestsBefore, _gateway.Requests.Count);

        _gateway.FailNext = 0;
        time.Advance(TimeSpan.FromSeconds(1.5));
        var read = await ReadAllAsync(await ipfs.CatAsync(cid));
        Assert.Equal("breaker"u8.ToArray(), read);
    }

    [Fact]
    public async Task Gateway_Add_NotSupported()
    {
        await using var services = Services(_gateway.Root);
        var ipfs = services.GetRequiredService<IIpfsKit>();

        var ex = await Assert.ThrowsAsync<IpfsKitNotSupportedException>(() => ipfs.AddAsync(new MemoryStream([1])));
        Assert.Equal("gateway", ex.Transport);
    }

    [Fact]
    public async Task AddKeyedIpfsKit_KuboGatewayAndEmbedded_EachReachesItsOwnEndpoint()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var kuboCalls = 0;
        var collection = new ServiceCollection();
        collection.AddIpfsKit(o => o.Storage.MaxMemory = ByteSize.FromMebibytes(4));
        collection.AddKeyedIpfsKit("kubo", o => o.Storage.MaxMemory = ByteSize.FromMebibytes(8))
            .UseKuboRpc(fixture.Peer.ApiBase, http => http.AddHttpMessageHandler(() => new CountingHandler(() => Interlocked.Increment(ref kuboCalls))));
        collection.AddKeyedIpfsKit("gateway", o => o.Resilience = new IpfsKitResilienceOptions { RetryDelay = TimeSpan.FromMilliseconds(10) })
            .UseGateway(_gateway.Root);
        collection.AddSingleton<KeyedConsumer>();
        await using var services = collection.BuildServiceProvider();
        var consumer = services.GetRequiredService<KeyedConsumer>();
        var local = services.GetRequiredService<IIpfsKit>();
        Assert.Same(consumer.Kubo, services.GetRequiredKeyedService<IIpfsKit>("kubo"));
        Assert.Equal(3, new HashSet<IIpfsKit>([local, consumer.Kubo, consumer.Gateway]).Count);
        var options = services.GetRequiredService<IOptionsMonitor<IpfsKitOptions>>();
        Assert.Equal(ByteSize.FromMebibytes(8), options.Get("kubo").Storage.MaxMemory);
        Assert.Equal(_gateway.Root, options.Get("gateway").Endpoint);
        Assert.Equal(TransportKind.Embedded, options.CurrentValue.Transport);

        var bytes = new byte[300_000];
        new Random(17).NextBytes(bytes);
        var added = await consumer.Kubo.AddAsync(new MemoryStream(bytes));
        output.WriteLine($"{clock.ElapsedMilliseconds} ms: added {added.Cid} through the keyed Kubo client ({kuboCalls} requests on its HttpClient)");
        Assert.Equal(bytes, await fixture.Peer.CatAsync(added.Cid.ToString()));
        var kuboCallsAfterAdd = kuboCalls;
        Assert.True(kuboCallsAfterAdd > 0, "the Kubo client's own handler saw its requests");

        var gatewayRequests = _gateway.Requests.Count;
        Assert.Equal(bytes, await ReadAllAsync(await consumer.Gateway.CatAsync(added.Cid)));
        output.WriteLine($"{clock.ElapsedMilliseconds} ms: read back through the keyed gateway client ({_gateway.Requests.Count - gatewayRequests} gateway requests)");
        Assert.True(_gateway.Requests.Count > gatewayRequests, "the gateway client reached its gateway");
        Assert.Equal(kuboCallsAfterAdd, kuboCalls);

        var localAdd = await local.AddAsync(new MemoryStream("only in the embedded node"u8.ToArray()));
        Assert.Equal(kuboCallsAfterAdd, kuboCalls);
        Assert.Equal(["embedded", "kubo-rpc", "gateway"], [
            (await local.GetStatusAsync()).Transport, (await consumer.Kubo.GetStatusAsync()).Transport, (await consumer.Gateway.GetStatusAsync()).Transport]);
        output.WriteLine($"{clock.ElapsedMilliseconds} ms: embedded add {localAdd.Cid} stayed local; statuses read");
    }

    private static ServiceProvider Services(Uri gateway) =>
        new ServiceCollection()
            .AddIpfsKit(o =>
            {
                o.Storage.MaxMemory = ByteSize.FromMebibytes(16);
                o.Resilience = new IpfsKitResilienceOptions { RetryDelay = TimeSpan.FromMilliseconds(10), MaxRetryAttempts = 3 };
            })
            .UseGateway(gateway)
            .Services.BuildServiceProvider();

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        await using (stream)
        {
            var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            return copy.ToArray();
        }
    }
}

/// <summary>A consumer of two keyed clients, as an app writes it.</summary>
internal sealed class KeyedConsumer([FromKeyedServices("kubo")] IIpfsKit kubo, [FromKeyedServices("gateway")] IIpfsKit gateway)
{
    public IIpfsKit Kubo { get; } = kubo;

    public IIpfsKit Gateway { get; } = gateway;
}

/// <summary>Counts the requests that pass through one HttpClient's pipeline.</summary>
internal sealed class CountingHandler(Action onRequest) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        onRequest();
        return base.SendAsync(request, cancellationToken);
    }
}
