using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.UnixFs.Reading;

namespace IpfsKit.Node.Gateway;

/// <summary>
/// Resolves <c>/ipfs/{cid}/a/b</c> through UnixFS directories (plain and HAMT-sharded) with the library's reader: only
/// names that a directory lists are followed, so a path can name nothing outside the DAG under its CID.
/// </summary>
internal static class GatewayPath
{
    /// <summary>Follows the segments from the root.</summary>
    /// <returns>
    /// The CID at the end, the CID of every node on the way (root first, as <c>X-Ipfs-Roots</c> lists them) and the
    /// directory blocks passed through (what proves the path in a CAR).
    /// </returns>
    /// <exception cref="GatewayException">404: a segment names no entry, or a node on the way is not a directory.</exception>
    /// <exception cref="IpfsKitBlockNotFoundException">A block on the way is not available.</exception>
    public static async Task<Resolved> ResolveAsync(UnixFsReader reader, IBlockSource source, Cid root, IReadOnlyList<string> segments, CancellationToken cancellationToken)
    {
        var roots = new List<Cid>(segments.Count + 1) { root };
        var blocks = new List<Block>(segments.Count);
        var current = root;
        foreach (var segment in segments)
        {
            if (current.Codec != Multicodec.DagPb || !(await reader.StatAsync(current, cancellationToken).ConfigureAwait(false)).IsDirectory)
            {
                throw GatewayException.NotFound($"no link named \"{segment}\" under {current}: it is not a directory");
            }

            blocks.Add(await source.GetRequiredAsync(current, cancellationToken).ConfigureAwait(false));
            Cid? next = null;
            await foreach (var entry in reader.ListAsync(current, cancellationToken).ConfigureAwait(false))
            {
                if (string.Equals(entry.Name, segment, StringComparison.Ordinal))
                {
                    next = entry.Cid;
                    break;
                }
            }

            current = next ?? throw GatewayException.NotFound($"no link named \"{segment}\" under {current}");
            roots.Add(current);
        }

        return new Resolved(current, roots, blocks);
    }

    /// <summary>Where a content path ends.</summary>
    /// <param name="Cid">The node at the end of the path.</param>
    /// <param name="Roots">The CID of every node on the way, root first, ending with <paramref name="Cid"/>.</param>
    /// <param name="Blocks">The directory blocks the path passes through, root first.</param>
    internal sealed record Resolved(Cid Cid, IReadOnlyList<Cid> Roots, IReadOnlyList<Block> Blocks);
}
