using System.Net;
using System.Runtime.CompilerServices;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Http.Internal;
using IpfsKit.Transports.KuboRpc.Internal;

namespace IpfsKit.Transports.KuboRpc;

/// <content>The node: id, repo stat and gc, swarm.</content>
public sealed partial class KuboRpcTransport
{
    /// <inheritdoc/>
    /// <remarks>
    /// Sends <c>id</c>. When the node lists no addresses there (js-ipfs), they are read from
    /// <c>swarm/addrs/local?id=true</c>.
    /// </remarks>
    /// <exception cref="IpfsKitRemoteException">The node answered an error or cannot be reached.</exception>
    public async Task<PeerIdentity> IdentifyAsync(CancellationToken cancellationToken = default)
    {
        var id = await _client.PostJsonAsync(KuboRpcClient.Path("id"), KuboJsonContext.Default.KuboId, null, cancellationToken).ConfigureAwait(false);
        var addresses = id.Addresses ?? [];
        if (addresses.Count == 0)
        {
            var local = await _client.PostJsonAsync(KuboRpcClient.Path("swarm/addrs/local", ("id", "true")), KuboJsonContext.Default.KuboStrings, null, cancellationToken).ConfigureAwait(false);
            addresses = local.Strings ?? [];
        }

        return new PeerIdentity(id.Id, addresses, id.AgentVersion ?? string.Empty);
    }

    /// <inheritdoc/>
    /// <remarks>Sends <c>repo/stat</c>; numbers are read whether the node sends them as numbers (Kubo) or strings (js-ipfs).</remarks>
    /// <exception cref="IpfsKitRemoteException">The node answered an error or cannot be reached.</exception>
    public async Task<RepoStat> RepoStatAsync(CancellationToken cancellationToken = default)
    {
        var stat = await _client.PostJsonAsync(KuboRpcClient.Path("repo/stat"), KuboJsonContext.Default.KuboRepoStat, null, cancellationToken).ConfigureAwait(false);
        return new RepoStat(stat.RepoSize, stat.StorageMax, stat.NumObjects);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Sends <c>repo/gc</c> with <c>stream-errors=true</c> and reads its <c>{"Key":{"/":cid}}</c> lines; an
    /// <c>{"Error":…}</c> line ends the enumeration with <see cref="IpfsKitRemoteException"/>.
    /// </remarks>
    /// <exception cref="IpfsKitRemoteException">The node answered an error or cannot be reached.</exception>
    public async IAsyncEnumerable<Cid> CollectGarbageAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var path = KuboRpcClient.Path("repo/gc", ("stream-errors", "true"));
        await foreach (var line in _client.PostLinesAsync(path, KuboJsonContext.Default.KuboGcLine, null, cancellationToken).ConfigureAwait(false))
        {
            if (line.Error is { Length: > 0 } error)
            {
                throw RemoteErrors.Answer(KuboRpcClient.Endpoint(path), HttpStatusCode.OK, KuboErrorParser.FromLine(new KuboError(error, null, null)));
            }

            if (line.Key?.Link is { } key)
            {
                yield return ParseCid(key, "repo/gc");
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>Sends <c>swarm/connect</c>.</remarks>
    /// <exception cref="ArgumentException"><paramref name="address"/> is empty.</exception>
    /// <exception cref="IpfsKitRemoteException">The node could not connect, or cannot be reached.</exception>
    public Task SwarmConnectAsync(string address, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        return _client.PostAsync(KuboRpcClient.Path("swarm/connect", ("arg", address)), cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>Sends <c>swarm/peers</c>.</remarks>
    /// <exception cref="IpfsKitRemoteException">The node answered an error or cannot be reached.</exception>
    public async Task<IReadOnlyList<SwarmPeer>> SwarmPeersAsync(CancellationToken cancellationToken = default)
    {
        var answer = await _client.PostJsonAsync(KuboRpcClient.Path("swarm/peers"), KuboJsonContext.Default.KuboSwarmPeers, null, cancellationToken).ConfigureAwait(false);
        return (answer.Peers ?? []).Select(p => new SwarmPeer(p.Peer, p.Addr)).ToArray();
    }
}
