using System.Runtime.CompilerServices;
using IpfsKit.Blocks;

namespace IpfsKit.Content.UnixFs.Reading;

/// <summary>Reads UnixFS files and directories from any <see cref="IBlockSource"/>.</summary>
/// <remarks>Thread-safe; every stream it opens is independent.</remarks>
public sealed class UnixFsReader
{
    private readonly IBlockSource _source;

    /// <summary>Creates a reader.</summary>
    /// <param name="source">Where blocks come from (a store, a remote node, a CAR).</param>
    public UnixFsReader(IBlockSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
    }

    /// <summary>Tells what a node is and how big.</summary>
    /// <param name="cid">The node.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Its kind and sizes.</returns>
    /// <exception cref="IpfsKitBlockNotFoundException">The block is not in the source.</exception>
    /// <exception cref="IpfsKitFormatException">The block is not valid UnixFS.</exception>
    public async Task<UnixFsNodeInfo> StatAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        var node = await UnixFsNode.LoadAsync(_source, cid, cancellationToken).ConfigureAwait(false);
        return new UnixFsNodeInfo(cid, node.Kind, node.ContentSize, node.BlockSize, node.Links.Count);
    }

    /// <summary>Opens a file as a seekable read-only stream (a byte range is a seek and a bounded read).</summary>
    /// <param name="cid">The file: a UnixFS File or Raw node, or a raw block.</param>
    /// <param name="cancellationToken">Cancels fetching the root.</param>
    /// <returns>The stream; only the root is fetched until it is read.</returns>
    /// <exception cref="IpfsKitFormatException">Not a file (the message says what it is), or invalid.</exception>
    public async Task<UnixFsFileStream> OpenReadAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        var node = await UnixFsNode.LoadAsync(_source, cid, cancellationToken).ConfigureAwait(false);
        return node.Kind == UnixFsNodeKind.File
            ? new UnixFsFileStream(_source, node)
            : throw new IpfsKitFormatException("UnixFS", $"{cid} is a {node.Kind}, not a file");
    }

    /// <summary>Lists a directory's entries, plain or HAMT-sharded (sub-shards are walked, their entries returned).</summary>
    /// <param name="cid">The directory.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The entries: in name order for a plain directory, in hash order for a sharded one.</returns>
    /// <exception cref="IpfsKitFormatException">Not a directory, or an invalid shard.</exception>
    public async IAsyncEnumerable<UnixFsDirectoryEntry> ListAsync(Cid cid, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var node = await UnixFsNode.LoadAsync(_source, cid, cancellationToken).ConfigureAwait(false);
        switch (node.Kind)
        {
            case UnixFsNodeKind.Directory:
                foreach (var link in node.Links)
                {
                    yield return new UnixFsDirectoryEntry(link.Name ?? string.Empty, link.Hash, link.Tsize);
                }

                break;
            case UnixFsNodeKind.ShardedDirectory:
                await foreach (var entry in ListShardAsync(node, cancellationToken).ConfigureAwait(false))
                {
                    yield return entry;
                }

                break;
            default:
                throw new IpfsKitFormatException("UnixFS", $"{cid} is a {node.Kind}, not a directory");
        }
    }

    private async IAsyncEnumerable<UnixFsDirectoryEntry> ListShardAsync(UnixFsNode shard, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var fanout = shard.UnixFs!.Fanout ?? 0;
        if (fanout is < 2 or > 65536 || (fanout & (fanout - 1)) != 0)
        {
            throw new IpfsKitFormatException("UnixFS", $"HAMT shard {shard.Cid} has fanout {fanout}, not a power of two");
        }

        var width = (fanout - 1).ToString("X", System.Globalization.CultureInfo.InvariantCulture).Length;
        foreach (var link in shard.Links)
        {
            var name = link.Name ?? string.Empty;
            if (name.Length < width)
            {
                throw new IpfsKitFormatException("UnixFS", $"HAMT shard {shard.Cid} has a link named '{name}', shorter than its {width}-digit prefix");
            }

            if (name.Length > width)
            {
                yield return new UnixFsDirectoryEntry(name[width..], link.Hash, link.Tsize);
                continue;
            }

            var child = await UnixFsNode.LoadAsync(_source, link.Hash, cancellationToken).ConfigureAwait(false);
            if (child.Kind != UnixFsNodeKind.ShardedDirectory)
            {
                throw new IpfsKitFormatException("UnixFS", $"HAMT shard {shard.Cid} links sub-shard {link.Hash}, which is a {child.Kind}");
            }

            await foreach (var entry in ListShardAsync(child, cancellationToken).ConfigureAwait(false))
            {
                yield return entry;
            }
        }
    }
}
