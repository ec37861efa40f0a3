using System.Runtime.CompilerServices;
using IpfsKit.Blocks;
using IpfsKit.Content.UnixFs.Reading.Internal;
using IpfsKit.Errors;

namespace IpfsKit.Content.UnixFs.Reading;

/// <summary>
/// Reads UnixFS files and directories from any <see cref="IBlockSource"/>: files as seekable streams that fetch only
/// the blocks a read needs, plain and HAMT-sharded directories as listings.
/// </summary>
/// <remarks>
/// Every node is checked before it is used (codec, dag-pb, UnixFS message, a file's links against its blocksizes and
/// filesize, each child's size against its parent's record, HAMT fanout and bucket names), so a DAG that disagrees
/// with itself fails with <see cref="IpfsKitFormatException"/> (subject <c>"UnixFS"</c>) instead of returning wrong
/// bytes. Blocks are trusted to match their CIDs, as <see cref="IBlockSource"/> promises. Identity-hash CIDs are
/// unpacked without asking the source. Thread-safe; every stream it opens is independent.
/// </remarks>
public sealed partial class UnixFsReader
{
    private readonly IBlockSource _source;
    private readonly UnixFsReaderOptions _options;

    /// <summary>Creates a reader with the default options (no read-ahead).</summary>
    /// <param name="source">Where blocks come from: a store, a cache tier, a remote node, a CAR.</param>
    public UnixFsReader(IBlockSource source)
        : this(source, UnixFsReaderOptions.Default)
    {
    }

    /// <summary>Creates a reader.</summary>
    /// <param name="source">Where blocks come from: a store, a cache tier, a remote node, a CAR.</param>
    /// <param name="options">The settings.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public UnixFsReader(IBlockSource source, UnixFsReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _source = source;
        _options = options;
    }

    /// <summary>Tells what a node is and how big, from its own block only.</summary>
    /// <param name="cid">The node: dag-pb UnixFS or a raw block.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    /// <returns>Its kind, sizes, link count and metadata.</returns>
    /// <exception cref="ArgumentException"><paramref name="cid"/> is <c>default(Cid)</c>.</exception>
    /// <exception cref="IpfsKitBlockNotFoundException">The block is not in the source.</exception>
    /// <exception cref="IpfsKitFormatException">The block is not a valid UnixFS node; the message says why.</exception>
    public async Task<UnixFsNodeInfo> StatAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        var node = await LoadAsync(cid, cancellationToken).ConfigureAwait(false);
        return new UnixFsNodeInfo(cid, node.Kind, (ulong)node.ContentSize, node.BlockSize, node.Links.Count, node.CumulativeSize())
        {
            Mode = node.UnixFs?.Mode,
            Mtime = node.UnixFs?.Mtime,
        };
    }

    /// <summary>
    /// Opens a file as a seekable, read-only stream. A byte range is a <see cref="Stream.Seek"/> and a bounded read.
    /// </summary>
    /// <param name="cid">
    /// The file: a raw block (0x55) is a file of its bytes; a dag-pb UnixFS <c>File</c> or <c>Raw</c> node is its
    /// Data bytes followed by its children's content in link order.
    /// </param>
    /// <param name="cancellationToken">Cancels fetching the root.</param>
    /// <returns>The stream, positioned at 0. Only the root has been fetched; the rest is fetched as it is read.</returns>
    /// <exception cref="ArgumentException"><paramref name="cid"/> is <c>default(Cid)</c>.</exception>
    /// <exception cref="IpfsKitBlockNotFoundException">The root block is not in the source.</exception>
    /// <exception cref="IpfsKitFormatException">
    /// The node is not a file (the message says what it is: a directory, a HAMT-sharded directory, a symlink), or it
    /// is invalid.
    /// </exception>
    public async Task<UnixFsFileStream> OpenReadAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        var node = await LoadAsync(cid, cancellationToken).ConfigureAwait(false);
        return node.IsFile
            ? new UnixFsFileStream(_source, node, _options.ReadAheadBlocks)
            : throw UnixFsErrors.NotAFile(cid, node.Kind);
    }

    /// <summary>
    /// Lists a directory's entries: the links of a plain directory, or every entry of a HAMT-sharded directory (its
    /// sub-shards are fetched and walked, and the bucket prefix is removed from each name).
    /// </summary>
    /// <param name="directory">The directory.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>
    /// The entries: in link order (name order when written by a conforming encoder) for a plain directory, in hash
    /// order for a sharded one. Entries are not fetched; a sharded directory's shards are fetched as the listing
    /// reaches them.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is <c>default(Cid)</c>.</exception>
    /// <exception cref="IpfsKitBlockNotFoundException">The directory or one of its shards is not in the source.</exception>
    /// <exception cref="IpfsKitFormatException">
    /// The node is not a directory (the message says what it is), a plain directory has two entries of one name, or a
    /// shard is invalid (fanout not a power of two from 8 to 1024, hash other than murmur3, a link name without a
    /// valid bucket prefix, a sub-shard that is not a shard).
    /// </exception>
    public async IAsyncEnumerable<UnixFsDirectoryEntry> ListAsync(Cid directory, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var node = await LoadAsync(directory, cancellationToken).ConfigureAwait(false);
        switch (node.Kind)
        {
            case UnixFsNodeKind.Directory:
                CheckUniqueNames(node);
                foreach (var link in node.Links)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return new UnixFsDirectoryEntry(link.Name ?? string.Empty, link.Hash, link.Tsize);
                }

                break;
            case UnixFsNodeKind.ShardedDirectory:
                await foreach (var entry in HamtListing.ListAsync(_source, node, cancellationToken).ConfigureAwait(false))
                {
                    yield return entry;
                }

                break;
            default:
                throw UnixFsErrors.NotADirectory(directory, node.Kind);
        }
    }

    /// <summary>
    /// Finds one entry of a directory by name, fetching only what the lookup needs: a plain directory's own block, or
    /// the HAMT shards on the name's hash path (not the whole sharded directory).
    /// </summary>
    /// <param name="directory">The directory, plain or HAMT-sharded.</param>
    /// <param name="name">The entry's name, compared byte for byte (ordinal).</param>
    /// <param name="visited">
    /// Receives the CID of every block of the directory the lookup read, the directory's own first (what proves the entry
    /// to someone who has only those blocks), or <see langword="null"/>.
    /// </param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The entry, or <see langword="null"/> when the directory has none of that name.</returns>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is <c>default(Cid)</c>.</exception>
    /// <exception cref="IpfsKitBlockNotFoundException">The directory or a shard on the way is not in the source.</exception>
    /// <exception cref="IpfsKitFormatException">The node is not a directory (the message says what it is), or a shard is invalid.</exception>
    public async Task<UnixFsDirectoryEntry?> FindAsync(Cid directory, string name, ICollection<Cid>? visited = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var node = await LoadAsync(directory, cancellationToken).ConfigureAwait(false);
        return node.Kind is UnixFsNodeKind.Directory or UnixFsNodeKind.ShardedDirectory
            ? await DirectoryLookup.FindAsync(_source, node, name, visited, cancellationToken).ConfigureAwait(false)
            : throw UnixFsErrors.NotADirectory(directory, node.Kind);
    }

    private ValueTask<UnixFsNode> LoadAsync(Cid cid, CancellationToken cancellationToken, [CallerArgumentExpression(nameof(cid))] string? paramName = null)
    {
        if (cid.IsEmpty)
        {
            throw new ArgumentException("The CID is empty (default(Cid)).", paramName);
        }

        return UnixFsNode.LoadAsync(_source, cid, cancellationToken);
    }

    /// <summary>The UnixFS spec forbids two entries of one name (byte-for-byte) in a directory; a decoder must fail.</summary>
    private static void CheckUniqueNames(UnixFsNode directory)
    {
        var names = new HashSet<string>(directory.Links.Count, StringComparer.Ordinal);
        foreach (var link in directory.Links)
        {
            if (!names.Add(link.Name ?? string.Empty))
            {
                throw UnixFsErrors.Format($"directory {directory.Cid} has two entries named {UnixFsErrors.Quote(link.Name)}");
            }
        }
    }
}
