using System.Runtime.InteropServices;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Http.Internal;
using IpfsKit.Transports.KuboRpc.Internal;

namespace IpfsKit.Transports.KuboRpc;

/// <content>Blocks: get, put, stat.</content>
public sealed partial class KuboRpcTransport
{
    /// <summary>The largest block read: above Kubo's 2 MiB hard limit, so no real block is refused.</summary>
    private const int MaxBlockSize = 4 * 1024 * 1024;

    /// <inheritdoc/>
    /// <remarks>Sends <c>block/get</c> and checks the bytes against <paramref name="cid"/> before returning them.</remarks>
    /// <exception cref="IpfsKitIntegrityException">The node's bytes do not hash to <paramref name="cid"/>.</exception>
    /// <exception cref="IpfsKitRemoteException">
    /// The node answered an error (a block it does not have included: Kubo and js-ipfs may also wait for the network
    /// until cancelled) or cannot be reached, or the block is larger than 4 MiB.
    /// </exception>
    public async Task<Block> GetBlockAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        var path = KuboRpcClient.Path("block/get", ("arg", cid.ToString()));
        var body = await _client.SendAsync(path, null, cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var data = await ReadBlockAsync(body, cancellationToken).ConfigureAwait(false);
            return Block.CreateVerified(cid, data);
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Sends <c>block/put</c> with <c>format</c> (the codec's name: js-ipfs reads only this, Kubo still accepts it,
    /// while Kubo refuses it together with a non-raw <c>cid-codec</c>), <c>mhtype</c> and <c>version</c> (js-ipfs's CID
    /// version). The CID the node answers must name the same block: same codec and multihash. Its version may differ
    /// (Kubo's legacy <c>format=dag-pb</c> answers CIDv0): blocks are stored by multihash, so that is the same block.
    /// </remarks>
    /// <exception cref="IpfsKitIntegrityException">The node named the block with another CID.</exception>
    /// <exception cref="IpfsKitRemoteException">The node answered an error or cannot be reached.</exception>
    public async Task PutBlockAsync(Block block, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        var cid = block.Cid;
        var path = KuboRpcClient.Path(
            "block/put",
            ("format", MulticodecNames.GetName(cid.Codec)),
            ("mhtype", MulticodecNames.GetName(cid.HashCode)),
            ("version", Text(cid.Version)));

        using var data = MemoryMarshal.TryGetArray(block.Data, out var segment) && segment.Array is not null
            ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(block.Data.ToArray(), writable: false);
        using var content = new MultipartFileContent(data, string.Empty);
        var answer = await _client.PostJsonAsync(path, KuboJsonContext.Default.KuboBlockKey, content, cancellationToken).ConfigureAwait(false);
        var stored = ParseCid(answer.Key, "block/put");
        if (stored != cid && stored.ToV1() != cid.ToV1())
        {
            throw new IpfsKitIntegrityException(cid, $"the node stored it as {stored}");
        }
    }

    /// <inheritdoc/>
    /// <remarks>Sends <c>block/stat</c>.</remarks>
    /// <exception cref="IpfsKitRemoteException">The node answered an error or cannot be reached.</exception>
    public async Task<BlockStat> StatBlockAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        var path = KuboRpcClient.Path("block/stat", ("arg", cid.ToString()));
        var answer = await _client.PostJsonAsync(path, KuboJsonContext.Default.KuboBlockKey, null, cancellationToken).ConfigureAwait(false);
        return new BlockStat(ParseCid(answer.Key, "block/stat"), answer.Size);
    }

    private static async Task<byte[]> ReadBlockAsync(RemoteResponseStream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBlockSize)
            {
                throw RemoteErrors.Malformed(body.Endpoint, body.StatusCode, $"a block larger than {MaxBlockSize} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
