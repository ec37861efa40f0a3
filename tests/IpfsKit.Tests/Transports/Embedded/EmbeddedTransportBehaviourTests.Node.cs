using IpfsKit.Content;
using IpfsKit.Content.UnixFs.Importing;
using IpfsKit.Errors;
using IpfsKit.Testing.Streams;
using IpfsKit.Transports;
using IpfsKit.Transports.Embedded;

namespace IpfsKit.Tests.Transports.Embedded;

/// <content>Identity, swarm, cancellation, subscriptions.</content>
public sealed partial class EmbeddedTransportBehaviourTests
{
    [Fact]
    public async Task Identify_Reopen_SameId()
    {
        string first;
        await using (var node = await OpenDiskAsync())
        {
            first = (await node.IdentifyAsync()).Id;
        }

        await using var reopened = await OpenDiskAsync();
        var again = await reopened.IdentifyAsync();

        Assert.Equal(first, again.Id);
        Assert.StartsWith("Qm", first, StringComparison.Ordinal);
        Assert.Empty(again.Addresses);
        Assert.StartsWith("ipfskit/", again.AgentVersion, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identify_TwoMemoryNodes_DifferentIds()
    {
        await using var a = await EmbeddedTransport.OpenAsync(new EmbeddedTransportOptions());
        await using var b = await EmbeddedTransport.OpenAsync(new EmbeddedTransportOptions());

        Assert.NotEqual((await a.IdentifyAsync()).Id, (await b.IdentifyAsync()).Id);
    }

    [Fact]
    public async Task Swarm_Always_ThrowsNotSupported()
    {
        await using var node = await EmbeddedTransport.OpenAsync(new EmbeddedTransportOptions());

        var connect = await Assert.ThrowsAsync<IpfsKitNotSupportedException>(() => node.SwarmConnectAsync("/ip4/127.0.0.1/tcp/4001"));
        var peers = await Assert.ThrowsAsync<IpfsKitNotSupportedException>(() => node.SwarmPeersAsync());

        Assert.Equal(("embedded", "swarm connect"), (connect.Transport, connect.Operation));
        Assert.Equal(("embedded", "swarm peers"), (peers.Transport, peers.Operation));
        Assert.False(node.Capabilities.HasFlag(TransportCapabilities.Swarm));
        Assert.Equal(TransportCapabilities.All & ~TransportCapabilities.Swarm, node.Capabilities);
    }

    [Fact]
    public async Task Add_CancelledMidway_ThrowsAndPinsNothing()
    {
        await using var node = await EmbeddedTransport.OpenAsync(new EmbeddedTransportOptions());
        using var cts = new CancellationTokenSource();
        var progress = new InlineProgress<AddProgress>(p =>
        {
            if (p.Bytes >= 2 * 1024 * 1024)
            {
                cts.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => node.AddAsync(new SeededRandomStream(60, 64L * 1024 * 1024), null, progress, cts.Token));

        Assert.Empty(await ToListAsync(node.ListPinsAsync()));
    }

    [Fact]
    public async Task Subscribe_TransportDisposed_Ends()
    {
        var node = await EmbeddedTransport.OpenAsync(new EmbeddedTransportOptions());
        await using var messages = node.SubscribeAsync("t").GetAsyncEnumerator();
        var next = messages.MoveNextAsync().AsTask();

        await node.PublishAsync("t", new byte[] { 1 });
        Assert.True(await next);
        Assert.Equal((await node.IdentifyAsync()).Id, messages.Current.From);

        await node.DisposeAsync();
        Assert.False(await messages.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Cat_MissingBlocks_ThrowBlockNotFound()
    {
        await using var node = await EmbeddedTransport.OpenAsync(new EmbeddedTransportOptions());
        var absent = Cid.Compute(Multicodec.Raw, "absent"u8);
        var added = await node.AddAsync(new SeededRandomStream(70, 600_000));
        var firstLeaf = (await ToListAsync(node.ListAsync(added.Cid)))[0].Cid;
        await node.Blocks.DeleteAsync(firstLeaf);

        var missingRoot = await Assert.ThrowsAsync<IpfsKitBlockNotFoundException>(() => node.CatAsync(absent));
        await using var stream = await node.CatAsync(added.Cid);
        var missingLeaf = await Assert.ThrowsAsync<IpfsKitBlockNotFoundException>(() => stream.ReadAsync(new byte[10]).AsTask());

        Assert.Equal(absent, missingRoot.Cid);
        Assert.Equal(firstLeaf, missingLeaf.Cid);
    }

    [Fact]
    public async Task Add_OnlyHash_StoresAndPinsNothing()
    {
        await using var node = await EmbeddedTransport.OpenAsync(new EmbeddedTransportOptions());
        var before = await node.RepoStatAsync();

        var options = new AddOptions { Import = ImportOptions.UnixFsV0Of2015 with { OnlyHash = true } };
        var added = await node.AddAsync(new SeededRandomStream(80, 900_000), options);

        Assert.Equal(before, await node.RepoStatAsync());
        Assert.Empty(await ToListAsync(node.ListPinsAsync()));
        Assert.False(await node.Blocks.HasAsync(added.Cid));
    }

    private sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
