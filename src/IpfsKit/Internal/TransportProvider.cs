using IpfsKit.Diagnostics.Internal;
using IpfsKit.Http.Internal;
using IpfsKit.IpfsCluster;
using IpfsKit.Storage;
using IpfsKit.Transports;
using IpfsKit.Transports.Embedded;
using IpfsKit.Transports.Gateway;
using IpfsKit.Transports.Internal;
using IpfsKit.Transports.KuboRpc;
using Microsoft.Extensions.Options;

namespace IpfsKit.Internal;

/// <summary>
/// Opens the configured transport once, on first use, with its block store: the embedded node's own storage, or a
/// read cache whose next source is the remote transport. A failed open (a storage folder that cannot be used) is not
/// kept: the next call opens again. Disposed with the service provider.
/// </summary>
internal sealed class TransportProvider : IAsyncDisposable, IDisposable
{
    private readonly IOptions<IpfsKitOptions> _options;
    private readonly IHttpClientFactory _httpClients;
    private readonly TimeProvider _time;
    private readonly IRoleTransportPolicy? _policy;
    private readonly OpenOnce<OpenedTransport> _opened;
    private readonly string? _key;

    /// <summary>Creates the provider of the unkeyed registration, or of a keyed one (<paramref name="key"/>: its HttpClients' names).</summary>
    public TransportProvider(IOptions<IpfsKitOptions> options, IHttpClientFactory httpClients, TimeProvider time, IRoleTransportPolicy? policy = null, string? key = null, IpfsKitMetrics? metrics = null)
    {
        _key = key;
        Metrics = metrics ?? IpfsKitMetrics.Shared;
        _options = options;
        _httpClients = httpClients;
        _time = time;
        _policy = policy;
        _opened = new(() => OpenAsync(CancellationToken.None));
    }

    /// <summary>Gets the instruments of this registration (its provider's meter), for the parts built on this transport.</summary>
    public IpfsKitMetrics Metrics { get; }

    public async ValueTask<OpenedTransport> GetAsync(CancellationToken cancellationToken) =>
        await _opened.GetAsync(cancellationToken).ConfigureAwait(false);

    public IpfsClusterClient CreateClusterClient() => new(_httpClients.CreateClient(HttpClientNames.For(HttpClientNames.IpfsCluster, _key)));

    /// <summary>Disposes synchronously, for containers disposed with <c>Dispose()</c>; prefer <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (!_opened.TryGetOpened(out var opened))
        {
            return;
        }

        if (opened.Transport is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }

        if (opened.OwnsBlocks)
        {
            opened.Blocks.Dispose();
        }
    }

    private async Task<OpenedTransport> OpenAsync(CancellationToken cancellationToken)
    {
        var opened = await OpenLocalAsync(cancellationToken).ConfigureAwait(false);
        return _policy is null ? opened : opened with { Transport = _policy.Wrap(opened.Transport), Local = opened.Transport };
    }

    private async Task<OpenedTransport> OpenLocalAsync(CancellationToken cancellationToken)
    {
        var options = _options.Value;
        switch (options.Transport)
        {
            case TransportKind.Embedded:
                var embedded = await EmbeddedTransport.OpenAsync(
                    new EmbeddedTransportOptions { Storage = options.Storage, TimeProvider = _time, Next = _policy?.Next, Metrics = Metrics }, cancellationToken).ConfigureAwait(false);
                return new OpenedTransport(embedded, embedded.Blocks, OwnsBlocks: false);
            case TransportKind.KuboRpc:
                return await WithCacheAsync(new KuboRpcTransport(_httpClients.CreateClient(HttpClientNames.For(HttpClientNames.KuboRpc, _key))), options.Storage, cancellationToken).ConfigureAwait(false);
            case TransportKind.Gateway:
                return await WithCacheAsync(new GatewayTransport(_httpClients.CreateClient(HttpClientNames.For(HttpClientNames.Gateway, _key))), options.Storage, cancellationToken).ConfigureAwait(false);
            default:
                throw new InvalidOperationException($"IpfsKitOptions.Transport {options.Transport} is not a known transport.");
        }
    }

    private static async Task<OpenedTransport> WithCacheAsync(IIpfsTransport transport, StorageOptions storage, CancellationToken cancellationToken)
    {
        var cache = await TieredBlockStore.OpenAsync(storage, new TransportBlockSource(transport), cancellationToken).ConfigureAwait(false);
        return new OpenedTransport(transport, cache, OwnsBlocks: true);
    }
}

/// <summary>A transport and the block store reads go through.</summary>
internal sealed record OpenedTransport(IIpfsTransport Transport, TieredBlockStore Blocks, bool OwnsBlocks)
{
    /// <summary>Gets the transport before a role wrapped it (the same as <see cref="Transport"/> without a role).</summary>
    public IIpfsTransport? Local { get; init; }

    public bool IsRemote => OwnsBlocks;
}
