using IpfsKit.Backup.Internal;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.Car;
using IpfsKit.Content.DagPb;
using IpfsKit.Errors;
using IpfsKit.Transports;

namespace IpfsKit.Backup;

/// <summary>
/// A node's backup as a library service: which pin roots can be exported, a CAR of several roots, a root's cumulative
/// size, and a CAR's import. The host's <c>dag/export</c>, <c>dag/import</c> and <c>metadata/export</c> endpoints and
/// the <c>backup</c> CLI's pin list (<see cref="BackupPinList"/>) use it.
/// </summary>
/// <remarks>Stateless over <see cref="IIpfsKit"/>; thread-safe as the node is.</remarks>
/// <param name="ipfs">The node whose blocks and pins are backed up.</param>
public sealed class PinBackup(IIpfsKit ipfs)
{
    private readonly IIpfsKit _ipfs = ipfs ?? throw new ArgumentNullException(nameof(ipfs));

    /// <summary>
    /// Reads each root's block (and decodes a dag-pb one): a root that cannot be read or decoded is left out and
    /// reported, so one bad pin never fails the backup of the others.
    /// </summary>
    /// <param name="roots">The roots, in export order; a repeated root is kept once.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The roots kept and the roots skipped.</returns>
    public async Task<BackupRoots> CheckRootsAsync(IEnumerable<Cid> roots, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roots);
        var kept = new List<Cid>();
        var skipped = new List<BackupSkip>();
        var read = new Dictionary<Cid, Block>();
        foreach (var root in roots.Distinct())
        {
            try
            {
                var block = await ReadRootAsync(root, cancellationToken).ConfigureAwait(false);
                read[root] = block;
                kept.Add(root);
            }
            catch (Exception e) when (BackupSkip.IsSkippable(e))
            {
                skipped.Add(new BackupSkip(root, e));
            }
        }

        return new BackupRoots(kept, skipped, read);
    }

    /// <summary>
    /// Writes a CARv1 whose header lists every kept root and whose sections are their DAGs' blocks, each once, streamed
    /// as they are read (<see cref="CarExporter.WriteDagsAsync"/>).
    /// </summary>
    /// <param name="roots">What <see cref="CheckRootsAsync"/> returned; its root blocks are not read again.</param>
    /// <param name="destination">Where the CAR goes; not disposed.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>The number of blocks written.</returns>
    /// <exception cref="IpfsKitBlockNotFoundException">A block below a root is missing; the destination holds a truncated CAR.</exception>
    /// <exception cref="IpfsKitFormatException">A dag-pb block below a root cannot be decoded.</exception>
    public Task<long> WriteCarAsync(BackupRoots roots, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roots);
        return CarExporter.WriteDagsAsync(new CheckedRootsSource(_ipfs, roots), roots.Kept, destination, cancellationToken);
    }

    /// <summary>The DAG's cumulative size (Kubo's <c>CumulativeSize</c>): the root block plus its links' Tsize.</summary>
    /// <param name="root">The pin's root.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The size in bytes.</returns>
    /// <exception cref="IpfsKitBlockNotFoundException">The root block is missing.</exception>
    /// <exception cref="IpfsKitFormatException">The dag-pb root cannot be decoded.</exception>
    public async Task<long> CumulativeSizeAsync(Cid root, CancellationToken cancellationToken = default)
    {
        var block = await _ipfs.GetBlockAsync(root, cancellationToken).ConfigureAwait(false);
        long size = block.Data.Length;
        if (root.Codec == Multicodec.DagPb)
        {
            foreach (var link in DagPbCodec.Decode(block.Data).Links)
            {
                size += (long)(link.Tsize ?? 0);
            }
        }

        return size;
    }

    /// <summary>Reads a CAR and puts its blocks (each verified against its CID); nothing is pinned.</summary>
    /// <param name="car">The CAR; not disposed.</param>
    /// <param name="cancellationToken">Cancels the import.</param>
    /// <returns>The header's roots and how many blocks and bytes were put.</returns>
    /// <exception cref="IpfsKitFormatException">The CAR is malformed; the blocks read before stay, unpinned.</exception>
    /// <exception cref="IpfsKitIntegrityException">A block does not match its CID; the blocks read before stay, unpinned.</exception>
    public async Task<CarImportResult> ImportCarAsync(Stream car, CancellationToken cancellationToken = default)
    {
        long blocks = 0, bytes = 0;
        var reader = await CarReader.OpenAsync(car, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            await foreach (var block in reader.ReadBlocksAsync(cancellationToken).ConfigureAwait(false))
            {
                await _ipfs.PutBlockAsync(block, cancellationToken).ConfigureAwait(false);
                blocks++;
                bytes += block.Data.Length;
            }

            return new CarImportResult(reader.Roots, blocks, bytes);
        }
    }

    /// <summary>Pins each root recursively; a root that cannot be pinned is reported, not thrown.</summary>
    /// <param name="roots">The roots; a repeated root is pinned once.</param>
    /// <param name="cancellationToken">Cancels the pinning.</param>
    /// <returns>Each root with its error message, empty when pinned.</returns>
    public async Task<IReadOnlyList<(Cid Root, string Error)>> PinRootsAsync(IEnumerable<Cid> roots, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roots);
        var results = new List<(Cid Root, string Error)>();
        foreach (var root in roots.Distinct())
        {
            try
            {
                await _ipfs.PinAsync(root, PinMode.Recursive, cancellationToken).ConfigureAwait(false);
                results.Add((root, ""));
            }
            catch (IpfsKitException e)
            {
                results.Add((root, e.Message));
            }
        }

        return results;
    }

    private async Task<Block> ReadRootAsync(Cid root, CancellationToken cancellationToken)
    {
        var block = root.HashCode == Multicodec.Identity
            ? Block.CreateVerified(root, root.Hash.Digest) // inline: its bytes are in the CID, as the walk reads it
            : await _ipfs.GetBlockAsync(root, cancellationToken).ConfigureAwait(false);
        if (root.Codec == Multicodec.DagPb)
        {
            _ = DagPbCodec.Decode(block.Data);
        }

        return block;
    }
}
