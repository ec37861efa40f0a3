using System.Security.Cryptography;
using IpfsKit.Content;
using IpfsKit.Content.UnixFs.Importing;
using IpfsKit.Errors;
using IpfsKit.Testing.Streams;
using IpfsKit.Transports;

namespace IpfsKit.Tests.Transports;

/// <summary>
/// The behaviour every node transport must show, run against a fresh transport per test. Derive, implement
/// <see cref="CreateTransportAsync"/> (and <see cref="DisposeTransportAsync"/> when more than disposal is needed), and
/// override <see cref="Contract"/> where the transport legitimately differs. An operation outside the transport's
/// <see cref="IIpfsTransport.Capabilities"/> is asserted to throw <see cref="IpfsKitNotSupportedException"/>, never skipped.
/// </summary>
[Trait("Category", "Transport")]
public abstract partial class TransportContractTests : IAsyncLifetime
{
    private IIpfsTransport? _transport;

    /// <summary>Gets the transport under test (fresh for each test).</summary>
    protected IIpfsTransport Transport => _transport ?? throw new InvalidOperationException("The transport is not created yet.");

    /// <summary>Gets where the transport differs; override to change.</summary>
    protected virtual TransportContractOptions Contract { get; } = new();

    public async Task InitializeAsync() => _transport = await CreateTransportAsync();

    public async Task DisposeAsync()
    {
        if (_transport is not null)
        {
            await DisposeTransportAsync(_transport);
        }
    }

    /// <summary>Creates the transport under test.</summary>
    protected abstract Task<IIpfsTransport> CreateTransportAsync();

    /// <summary>Disposes the transport under test; the default disposes it if it is disposable.</summary>
    protected virtual async Task DisposeTransportAsync(IIpfsTransport transport)
    {
        switch (transport)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    [Fact]
    public async Task Identify_ReturnsNonEmptyId()
    {
        if (!await SupportsAsync(TransportCapabilities.Identity, () => Transport.IdentifyAsync()))
        {
            return;
        }

        var identity = await Transport.IdentifyAsync();

        Assert.False(string.IsNullOrWhiteSpace(identity.Id));
        Assert.NotNull(identity.Addresses);
        Assert.False(string.IsNullOrWhiteSpace(identity.AgentVersion));
    }

    [Fact]
    public async Task RepoStat_NonNegative_GrowsAfterAdd()
    {
        if (!await SupportsAsync(TransportCapabilities.RepoStat, () => Transport.RepoStatAsync()))
        {
            return;
        }

        var before = await Transport.RepoStatAsync();
        Assert.True(before.RepoSize >= 0 && before.StorageMax >= 0 && before.NumObjects >= 0, before.ToString());

        if (!await SupportsAsync(TransportCapabilities.Add, () => Transport.AddAsync(Content(1, 10))))
        {
            return;
        }

        await Transport.AddAsync(Content(0xC0FFEE, 600_000));
        var after = await Transport.RepoStatAsync();

        Assert.True(after.NumObjects > before.NumObjects, $"{before} -> {after}");
        Assert.True(after.RepoSize > before.RepoSize, $"{before} -> {after}");
    }

    [Fact]
    public async Task OperationsOutsideCapabilities_ThrowNotSupported()
    {
        var cid = Cid.Compute(Multicodec.Raw, "x"u8);
        var block = Blocks.Block.Create("x"u8.ToArray());
        var calls = new (TransportCapabilities Capability, Func<Task> Call)[]
        {
            (TransportCapabilities.Add, () => Transport.AddAsync(Content(1, 1))),
            (TransportCapabilities.Read, () => Transport.CatAsync(cid)),
            (TransportCapabilities.Read, () => DrainAsync(Transport.ListAsync(cid))),
            (TransportCapabilities.BlockRead, () => Transport.GetBlockAsync(cid)),
            (TransportCapabilities.BlockRead, () => Transport.StatBlockAsync(cid)),
            (TransportCapabilities.BlockWrite, () => Transport.PutBlockAsync(block)),
            (TransportCapabilities.Pins, () => Transport.PinAsync(cid)),
            (TransportCapabilities.Pins, () => Transport.UnpinAsync(cid)),
            (TransportCapabilities.Pins, () => DrainAsync(Transport.ListPinsAsync())),
            (TransportCapabilities.PubSub, () => Transport.PublishAsync("t", new byte[] { 1 })),
            (TransportCapabilities.PubSub, () => DrainAsync(Transport.SubscribeAsync("t"))),
            (TransportCapabilities.Identity, () => Transport.IdentifyAsync()),
            (TransportCapabilities.RepoStat, () => Transport.RepoStatAsync()),
            (TransportCapabilities.Swarm, () => Transport.SwarmConnectAsync("/ip4/127.0.0.1/tcp/4001/p2p/QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N")),
            (TransportCapabilities.Swarm, () => Transport.SwarmPeersAsync()),
        };

        var outside = calls.Where(c => !Transport.Capabilities.HasFlag(c.Capability)).ToList();
        foreach (var (_, call) in outside)
        {
            var ex = await Assert.ThrowsAsync<IpfsKitNotSupportedException>(call);
            Assert.Contains(Transport.Name, ex.Message, StringComparison.Ordinal);
        }

    }

    /// <summary>Returns whether the transport has the capability; when it has not, asserts that the call throws <see cref="IpfsKitNotSupportedException"/>.</summary>
    protected async Task<bool> SupportsAsync(TransportCapabilities capability, Func<Task> call)
    {
        if (Transport.Capabilities.HasFlag(capability))
        {
            return true;
        }

        await Assert.ThrowsAsync<IpfsKitNotSupportedException>(call);
        return false;
    }

    /// <summary>Pseudo-random content of a given size.</summary>
    protected static SeededRandomStream Content(ulong seed, long size) => new(seed, size);

    /// <summary>The import settings a test names: "default" (Kubo's) or "v1-raw" (CIDv1, raw leaves).</summary>
    protected static ImportOptions Settings(string name) => name switch
    {
        "default" => ImportOptions.UnixFsV0Of2015,
        "v1-raw" => ImportOptions.UnixFsV0Of2015 with { CidVersion = 1, RawLeaves = true },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>The CID Kubo would give: the Core importer with only-hash.</summary>
    protected static async Task<Cid> ReferenceCidAsync(ulong seed, long size, ImportOptions import)
    {
        var importer = new UnixFsImporter(null, import with { OnlyHash = true });
        return (await importer.AddFileAsync(Content(seed, size))).Cid;
    }

    /// <summary>Hashes a stream incrementally; returns the SHA-256 and the byte count.</summary>
    protected static async Task<(byte[] Sha256, long Length)> HashAsync(Stream stream)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81_920];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            total += read;
        }

        return (hash.GetHashAndReset(), total);
    }

    /// <summary>Reads a whole stream into an array (small content only).</summary>
    protected static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static async Task DrainAsync<T>(IAsyncEnumerable<T> items)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await foreach (var unused in items.WithCancellation(cts.Token))
            {
                break;
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            // A subscription that is supported waits for messages; only a NotSupported throw matters here.
        }
    }
}
