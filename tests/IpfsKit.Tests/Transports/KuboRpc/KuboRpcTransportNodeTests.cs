using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Testing.PeerRig;
using IpfsKit.Testing.Streams;
using IpfsKit.Transports;
using static IpfsKit.Tests.Transports.KuboRpc.KuboTestClients;

namespace IpfsKit.Tests.Transports.KuboRpc;

/// <summary>Pins, pubsub, id, repo stat, errors and cancellation through <c>KuboRpcTransport</c> against the real js-ipfs peer.</summary>
[Collection("IpfsPeer")]
[Trait("Category", "Transport")]
public sealed class KuboRpcTransportNodeTests(IpfsPeerFixture fixture)
{
    [Fact]
    public async Task Pins_AddListRemove_FollowTheNode()
    {
        var transport = Transport(fixture.Peer.ApiBase);
        var added = await transport.AddAsync(new MemoryStream(Encoding.UTF8.GetBytes("pin me " + Guid.NewGuid())), new AddOptions { Pin = false });
        Assert.DoesNotContain(added.Cid, await PinsAsync(transport, PinMode.Recursive));

        await transport.PinAsync(added.Cid);
        Assert.Contains(added.Cid, await PinsAsync(transport, PinMode.Recursive));
        Assert.Contains(added.Cid, await PinsAsync(transport, null));

        await transport.UnpinAsync(added.Cid);
        Assert.DoesNotContain(added.Cid, await PinsAsync(transport, PinMode.Recursive));
    }

    [Fact]
    public async Task Pins_DirectPin_ListedAsDirect()
    {
        var transport = Transport(fixture.Peer.ApiBase);
        var added = await transport.AddAsync(new MemoryStream(Encoding.UTF8.GetBytes("direct " + Guid.NewGuid())), new AddOptions { Pin = false });

        await transport.PinAsync(added.Cid, PinMode.Direct);

        Assert.Contains(added.Cid, await PinsAsync(transport, PinMode.Direct));
        await transport.UnpinAsync(added.Cid, PinMode.Direct);
        Assert.DoesNotContain(added.Cid, await PinsAsync(transport, PinMode.Direct));
    }

    [Fact]
    public async Task PubSub_SubscribeThenPublish_MessageArrives()
    {
        var transport = Transport(fixture.Peer.ApiBase);
        var topic = "ipfskit/tests " + Guid.NewGuid();
        var payload = Encoding.UTF8.GetBytes("héllo pubsub");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var received = ReceiveOneAsync(transport, topic, cts.Token);

        // The subscription is live some time after the request: publish until the message arrives.
        while (!received.IsCompleted)
        {
            await transport.PublishAsync(topic, payload, cts.Token);
            await Task.WhenAny(received, Task.Delay(250, cts.Token));
        }

        var message = await received;
        Assert.Equal(topic, message.Topic);
        Assert.Equal(payload, message.Data.ToArray());
        Assert.Equal((await transport.IdentifyAsync()).Id, message.From);
    }

    [Fact]
    public async Task Identify_Peer_IdAddressesAndAgent()
    {
        var id = await Transport(fixture.Peer.ApiBase).IdentifyAsync();

        Assert.Equal(await fixture.Peer.IdAsync(), id.Id);
        Assert.NotEmpty(id.Addresses); // js-ipfs lists none in id: they come from swarm/addrs/local
        Assert.Contains("js-ipfs", id.AgentVersion, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepoStat_AfterAdd_SizesAreSensible()
    {
        var transport = Transport(fixture.Peer.ApiBase);
        await transport.AddAsync(new SeededRandomStream(99, 100_000));

        var stat = await transport.RepoStatAsync();

        Assert.True(stat.RepoSize > 100_000, $"RepoSize {stat.RepoSize}");
        Assert.True(stat.StorageMax >= stat.RepoSize);
        Assert.True(stat.NumObjects > 0);
    }

    [Fact]
    public async Task Cat_BadCidArgument_RemoteExceptionWithPeerMessage()
    {
        // A CIDv1 with an unknown codec/hash pair the peer cannot parse.
        var http = new HttpClient { BaseAddress = fixture.Peer.ApiBase };
        var transport = new IpfsKit.Transports.KuboRpc.KuboRpcTransport(http);
        var bad = Cid.CreateV1((Multicodec)0x1234567, Multihash.Sha256([1, 2, 3]));

        var error = await Assert.ThrowsAsync<IpfsKitRemoteException>(() => transport.CatAsync(bad));

        Assert.NotNull(error.StatusCode);
        Assert.Equal("POST /api/v0/cat", error.Endpoint);
        Assert.False(string.IsNullOrWhiteSpace(error.RemoteMessage));
        Assert.DoesNotContain("\"Message\"", error.RemoteMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identify_ClosedPort_RemoteExceptionWithoutStatus()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var transport = Transport(new Uri($"http://127.0.0.1:{port}/"));

        var error = await Assert.ThrowsAsync<IpfsKitRemoteException>(() => transport.IdentifyAsync());

        Assert.Null(error.StatusCode);
        Assert.IsAssignableFrom<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task Cat_CancelWhileReading_AbortsPromptly()
    {
        var transport = Transport(fixture.Peer.ApiBase);
        var added = await transport.AddAsync(new SeededRandomStream(21, 20_000_000));
        using var cts = new CancellationTokenSource();
        await using var cat = await transport.CatAsync(added.Cid, cancellationToken: cts.Token);
        var buffer = new byte[1024];
        await cat.ReadExactlyAsync(buffer, cts.Token);

        var watch = Stopwatch.StartNew();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            while (await cat.ReadAsync(buffer, cts.Token) > 0)
            {
            }
        });

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Cat_MissingBlockThenCancel_AbortsTheWaitingRequestPromptly()
    {
        // The peer waits on the network for a block nobody has: only cancellation ends the request.
        var missing = Cid.Compute(Multicodec.Raw, Encoding.UTF8.GetBytes("nobody has this " + Guid.NewGuid()));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await using var cat = await Transport(fixture.Peer.ApiBase).CatAsync(missing, cancellationToken: cts.Token);
            await cat.CopyToAsync(Stream.Null, cts.Token);
        });

        Assert.Equal(cts.Token, error.CancellationToken);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    private static async Task<PubSubMessage> ReceiveOneAsync(IpfsKit.Transports.KuboRpc.KuboRpcTransport transport, string topic, CancellationToken cancellationToken)
    {
        await foreach (var message in transport.SubscribeAsync(topic, cancellationToken))
        {
            return message;
        }

        throw new InvalidOperationException("The subscription ended without a message.");
    }

    private static async Task<List<Cid>> PinsAsync(IpfsKit.Transports.KuboRpc.KuboRpcTransport transport, PinMode? mode)
    {
        var pins = new List<Cid>();
        await foreach (var pin in transport.ListPinsAsync(mode))
        {
            Assert.True(mode is null ? pin.Mode != PinMode.Indirect : pin.Mode == mode);
            pins.Add(pin.Cid);
        }

        return pins;
    }
}
