using System.Runtime.CompilerServices;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.DagPb;
using IpfsKit.Content.UnixFs.Importing;
using IpfsKit.Content.UnixFs.Reading;
using IpfsKit.Errors;
using IpfsKit.Transports.Embedded.Internal;
using IpfsKit.Transports.Internal;

namespace IpfsKit.Transports.Embedded;

/// <content>Add, cat and ls: UnixFS over the node's block store.</content>
public sealed partial class EmbeddedTransport
{
    /// <inheritdoc/>
    /// <remarks>
    /// Imports with <see cref="AddOptions.Import"/> into <see cref="Blocks"/>, then pins the root recursively when
    /// <see cref="AddOptions.Pin"/> is set. With <see cref="ImportOptions.OnlyHash"/> nothing is stored or pinned. The
    /// blocks of an add in progress are held (never evicted) until it ends, so an add that fits the free budget
    /// (capacity minus pinned and held bytes) never loses its own blocks. A failed or cancelled add pins nothing and
    /// deletes the blocks it newly wrote (blocks pins or other adds hold stay). The result's name is
    /// <see cref="AddOptions.FileName"/>, or the CID's text.
    /// </remarks>
    /// <exception cref="IpfsKitCapacityException">
    /// The content does not fit: up front when a seekable stream is longer than the free budget, else when a block finds
    /// no room. Nothing of the add is left behind.
    /// </exception>
    public Task<AddResult> AddAsync(Stream content, AddOptions? options = null, IProgress<AddProgress>? progress = null, CancellationToken cancellationToken = default) =>
        AddAsync(content, options, progress, null, null, cancellationToken);

    /// <summary>
    /// <see cref="AddAsync(Stream, AddOptions?, IProgress{AddProgress}?, CancellationToken)"/> through a role's spool: the
    /// importer writes to <paramref name="through"/> (over the import session), and the root is pinned here only when
    /// <paramref name="pinElsewhere"/> does not pin it itself (returns <see langword="false"/>).
    /// </summary>
    internal async Task<AddResult> AddAsync(
        Stream content, AddOptions? options, IProgress<AddProgress>? progress, Func<ImportSession, IBlockStore>? through,
        Func<Cid, CancellationToken, Task<bool>>? pinElsewhere, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ThrowIfDisposed();
        options ??= AddOptions.Default;
        var adapter = progress is null ? null : new ProgressAdapter(progress);
        if (options.Import.OnlyHash)
        {
            var hashed = await new UnixFsImporter(null, options.Import).AddFileAsync(content, options.FileName, adapter, cancellationToken).ConfigureAwait(false);
            return new AddResult(hashed.Cid, options.FileName ?? hashed.Cid.ToString(), hashed.DagSize);
        }

        if (content.CanSeek)
        {
            ThrowIfCannotFit(content.Length - content.Position);
        }

        var session = BeginImport();
        await using (session.ConfigureAwait(false))
        {
            var imported = await new UnixFsImporter(through?.Invoke(session) ?? session, options.Import).AddFileAsync(content, options.FileName, adapter, cancellationToken).ConfigureAwait(false);
            if (options.Pin && (pinElsewhere is null || !await pinElsewhere(imported.Cid, cancellationToken).ConfigureAwait(false)))
            {
                await _pins.PinAsync(imported.Cid, PinMode.Recursive, cancellationToken).ConfigureAwait(false);
            }

            session.Complete();
            return new AddResult(imported.Cid, options.FileName ?? imported.Cid.ToString(), imported.DagSize);
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// A range seeks the file (fetching only the blocks it covers) and reads at most its length; an offset at or past the
    /// end reads nothing. The stream is read-only; without a range it is the seekable <see cref="UnixFsFileStream"/>.
    /// </remarks>
    /// <exception cref="IpfsKitBlockNotFoundException">The root (or, while reading, a block it needs) is not in the store.</exception>
    /// <exception cref="IpfsKitFormatException">The CID is not a UnixFS file (a directory, a symlink) or the DAG is invalid.</exception>
    public async Task<Stream> CatAsync(Cid cid, ByteRange? range = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return await UnixFsCat.OpenAsync(_reader, cid, range, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// A directory (plain or HAMT-sharded) lists its entries; a file lists its dag-pb links with empty names, as
    /// <c>ipfs ls</c> does (a single-block file lists nothing). <see cref="LinkEntry.Size"/> is the link's Tsize;
    /// <see cref="LinkEntry.Kind"/> is read from the child when its block is local, else <see cref="LinkKind.Unknown"/>.
    /// </remarks>
    /// <exception cref="IpfsKitBlockNotFoundException">The node is not in the store.</exception>
    public async IAsyncEnumerable<LinkEntry> ListAsync(Cid cid, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var node = await _reader.StatAsync(cid, cancellationToken).ConfigureAwait(false);
        if (node.IsDirectory)
        {
            await foreach (var entry in _reader.ListAsync(cid, cancellationToken).ConfigureAwait(false))
            {
                yield return new LinkEntry(entry.Name, entry.Cid, entry.Tsize, await KindOfAsync(entry.Cid, cancellationToken).ConfigureAwait(false));
            }

            yield break;
        }

        if (cid.Codec != Multicodec.DagPb || node.LinkCount == 0)
        {
            yield break;
        }

        var block = await Blocks.GetRequiredAsync(cid, cancellationToken).ConfigureAwait(false);
        foreach (var link in DagPbCodec.Decode(block.Data).Links)
        {
            yield return new LinkEntry(link.Name ?? string.Empty, link.Hash, link.Tsize, await KindOfAsync(link.Hash, cancellationToken).ConfigureAwait(false));
        }
    }

    private async ValueTask<LinkKind> KindOfAsync(Cid cid, CancellationToken cancellationToken)
    {
        if (cid.Codec == Multicodec.Raw)
        {
            return LinkKind.File;
        }

        if (cid.HashCode != Multicodec.Identity && !await Blocks.HasAsync(cid, cancellationToken).ConfigureAwait(false))
        {
            return LinkKind.Unknown;
        }

        try
        {
            var info = await _reader.StatAsync(cid, cancellationToken).ConfigureAwait(false);
            return info.IsFile ? LinkKind.File : info.IsDirectory ? LinkKind.Directory : LinkKind.Unknown;
        }
        catch (IpfsKitException)
        {
            // Evicted meanwhile, or not UnixFS: the kind is simply not known.
            return LinkKind.Unknown;
        }
    }

    /// <summary>Reports import progress as add progress, on the importer's thread (no synchronization context hop).</summary>
    internal sealed class ProgressAdapter(IProgress<AddProgress> target) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => target.Report(new AddProgress(value.TotalBytes));
    }
}
