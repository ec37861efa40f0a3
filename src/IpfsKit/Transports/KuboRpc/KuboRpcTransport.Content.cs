using System.Runtime.CompilerServices;
using IpfsKit.Content;
using IpfsKit.Content.DagPb;
using IpfsKit.Content.UnixFs.Importing;
using IpfsKit.Errors;
using IpfsKit.Http.Internal;
using IpfsKit.Transports.KuboRpc.Internal;

namespace IpfsKit.Transports.KuboRpc;

/// <content>Files: add, cat, ls.</content>
public sealed partial class KuboRpcTransport
{
    /// <summary>The links a file node has in the RPC API's <c>add</c> (it has no option for another number).</summary>
    private const int RpcMaxLinks = 174;

    /// <inheritdoc/>
    /// <remarks>
    /// Sends <c>add</c> with <c>cid-version</c>, <c>raw-leaves</c>, <c>chunker=size-N</c>, <c>trickle</c>,
    /// <c>only-hash</c>, <c>wrap-with-directory</c>, <c>pin</c> and (with a progress receiver) <c>progress=true</c>. The
    /// content is uploaded in chunks as it is read; the root is the last entry the node names (the wrapping directory
    /// with <see cref="ImportOptions.WrapWithDirectory"/>).
    /// </remarks>
    /// <exception cref="IpfsKitNotSupportedException">
    /// <see cref="ImportOptions.MaxLinks"/> is not 174: the RPC API has no option for it.
    /// </exception>
    /// <exception cref="IpfsKitRemoteException">The node failed, before or after answering HTTP 200, or cannot be reached.</exception>
    public async Task<AddResult> AddAsync(Stream content, AddOptions? options = null, IProgress<AddProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        options ??= AddOptions.Default;
        var import = options.Import;
        import.Validate();
        if (import.MaxLinks != RpcMaxLinks)
        {
            throw new IpfsKitNotSupportedException(Name, $"add with ImportOptions.MaxLinks = {import.MaxLinks} (the RPC API builds file nodes of {RpcMaxLinks} links)");
        }

        var path = KuboRpcClient.Path(
            "add",
            ("cid-version", Text(import.CidVersion)),
            ("raw-leaves", Text(import.UsesRawLeaves)),
            ("chunker", "size-" + Text(import.ChunkSize)),
            ("trickle", Text(import.Layout == DagLayout.Trickle)),
            ("only-hash", Text(import.OnlyHash)),
            ("wrap-with-directory", Text(import.WrapWithDirectory)),
            ("pin", Text(options.Pin)),
            ("progress", progress is null ? null : "true"),
            // js-ipfs fails the whole add ("Cannot string encode V0 in base32") when asked for base32 with CIDv0.
            ("cid-base", import.CidVersion == 1 ? "base32" : null));

        using var body = new MultipartFileContent(content, options.FileName ?? string.Empty);
        AddResult? root = null;
        await foreach (var line in _client.PostLinesAsync(path, KuboJsonContext.Default.KuboAddLine, body, cancellationToken).ConfigureAwait(false))
        {
            if (line.Hash is { } hash)
            {
                root = new AddResult(ParseCid(hash, "add"), line.Name ?? hash, line.Size ?? 0);
            }
            else if (line.Bytes is { } bytes)
            {
                progress?.Report(new AddProgress(bytes));
            }
        }

        return root ?? throw RemoteErrors.Malformed(KuboRpcClient.Endpoint(path), System.Net.HttpStatusCode.OK, "the add ended without naming a root");
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Sends <c>cat</c> with <c>offset</c> and <c>length</c>. The stream reads the response body as it arrives and
    /// releases the connection when disposed; a connection that breaks while reading throws
    /// <see cref="IpfsKitRemoteException"/>. Pass a token to the stream's reads to cancel them. A range of length 0 is
    /// an empty stream without asking the node (js-ipfs reads <c>length=0</c> as "to the end").
    /// </remarks>
    /// <exception cref="IpfsKitRemoteException">The node answered an error (a CID it cannot read included) or cannot be reached.</exception>
    public async Task<Stream> CatAsync(Cid cid, ByteRange? range = null, CancellationToken cancellationToken = default)
    {
        range?.Validate();
        if (range is { Length: 0 })
        {
            return Stream.Null;
        }

        var path = KuboRpcClient.Path(
            "cat",
            ("arg", cid.ToString()),
            ("offset", range is { Offset: > 0 } r ? Text(r.Offset) : null),
            ("length", range?.Length is { } length ? Text(length) : null));
        return await _client.SendAsync(path, null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>Sends <c>ls</c>; link type 1 (and 5, a HAMT shard) is a directory, 2 a file.</remarks>
    /// <exception cref="IpfsKitRemoteException">The node answered an error or cannot be reached.</exception>
    public async IAsyncEnumerable<LinkEntry> ListAsync(Cid cid, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var path = KuboRpcClient.Path("ls", ("arg", cid.ToString()));
        var answer = await _client.PostJsonAsync(path, KuboJsonContext.Default.KuboLsResponse, null, cancellationToken).ConfigureAwait(false);
        var listed = 0;
        foreach (var entry in answer.Objects ?? [])
        {
            foreach (var link in entry.Links ?? [])
            {
                var kind = link.Type switch
                {
                    1 or 5 => LinkKind.Directory,
                    2 => LinkKind.File,
                    _ => LinkKind.Unknown,
                };
                listed++;
                yield return new LinkEntry(link.Name ?? string.Empty, ParseCid(link.Hash, "ls"), link.Size, kind);
            }
        }

        // Kubo lists the chunks of a multi-chunk file; js-ipfs lists none. Read the node's links from its block then
        // (verified against the CID, so the listing is as trustworthy as the block).
        if (listed == 0 && cid.Codec == Multicodec.DagPb)
        {
            var block = await GetBlockAsync(cid, cancellationToken).ConfigureAwait(false);
            foreach (var link in DagPbCodec.Decode(block.Data).Links)
            {
                yield return new LinkEntry(link.Name ?? string.Empty, link.Hash, link.Tsize, LinkKind.Unknown);
            }
        }
    }
}
