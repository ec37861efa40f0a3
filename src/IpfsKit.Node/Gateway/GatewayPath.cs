using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.UnixFs.Reading;
using IpfsKit.Errors;

namespace IpfsKit.Node.Gateway;

/// <summary>
/// Resolves <c>/ipfs/{cid}/a/b</c> with the library's one path resolver (<see cref="UnixFsReader.ResolveAsync"/>:
/// plain and HAMT-sharded directories, a sharded one by its name's hash path), and gathers the blocks that prove it.
/// </summary>
internal static class GatewayPath
{
    /// <summary>Follows the segments from the root.</summary>
    /// <returns>
    /// The CID at the end, the CID of every node on the way (root first, as <c>X-Ipfs-Roots</c> lists them) and the
    /// directory blocks read on the way, HAMT shards included (what proves the path in a CAR).
    /// </returns>
    /// <exception cref="GatewayException">404: a segment names no entry, or a node on the way is not a directory.</exception>
    /// <exception cref="IpfsKitBlockNotFoundException">A block on the way is not available.</exception>
    public static async Task<Resolved> ResolveAsync(UnixFsReader reader, IBlockSource source, Cid root, IReadOnlyList<string> segments, CancellationToken cancellationToken)
    {
        var visited = new List<Cid>();
        ContentPathResolution resolution;
        try
        {
            resolution = await reader.ResolveAsync(new ContentPath(root, segments), visited, cancellationToken).ConfigureAwait(false);
        }
        catch (IpfsKitPathNotFoundException e)
        {
            throw GatewayException.NotFound(e.Message);
        }
        catch (IpfsKitFormatException e) when (e.Subject == "IPFS path")
        {
            throw GatewayException.NotFound(e.Reason);
        }

        var blocks = new List<Block>(visited.Count);
        foreach (var cid in visited)
        {
            blocks.Add(await source.GetRequiredAsync(cid, cancellationToken).ConfigureAwait(false));
        }

        return new Resolved(resolution.Cid, resolution.Nodes, blocks);
    }

    /// <summary>Where a content path ends.</summary>
    /// <param name="Cid">The node at the end of the path.</param>
    /// <param name="Roots">The CID of every node on the way, root first, ending with <paramref name="Cid"/>.</param>
    /// <param name="Blocks">The directory blocks the path passes through, root first.</param>
    internal sealed record Resolved(Cid Cid, IReadOnlyList<Cid> Roots, IReadOnlyList<Block> Blocks);
}
