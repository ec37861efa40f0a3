using IpfsKit.Content.UnixFs.Reading.Internal;
using IpfsKit.Errors;

namespace IpfsKit.Content.UnixFs.Reading;

/// <content>Paths: the one resolver of <c>/ipfs/&lt;cid&gt;/a/b</c> (facade, host API, CLI and gateway).</content>
public sealed partial class UnixFsReader
{
    /// <summary>
    /// Follows a path's segments from its root through plain and HAMT-sharded directories, fetching only the blocks the
    /// lookups need (<see cref="FindAsync"/>): only entries a directory holds are followed.
    /// </summary>
    /// <param name="path">The path.</param>
    /// <param name="visited">Receives the CID of every directory block read on the way, HAMT shards included, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    /// <returns>The node at the end and every node on the way, root first.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is <c>default</c>.</exception>
    /// <exception cref="IpfsKitPathNotFoundException">A segment names no entry, or a node on the way is not a directory; the message names the segment.</exception>
    /// <exception cref="IpfsKitBlockNotFoundException">A block on the way is not in the source.</exception>
    /// <exception cref="IpfsKitFormatException">A directory on the way is invalid.</exception>
    public async Task<ContentPathResolution> ResolveAsync(ContentPath path, ICollection<Cid>? visited = null, CancellationToken cancellationToken = default)
    {
        if (path.Root.IsEmpty)
        {
            throw new ArgumentException("The path is empty (default(ContentPath)).", nameof(path));
        }

        var nodes = new List<Cid>(path.Segments.Count + 1) { path.Root };
        var current = path.Root;
        foreach (var segment in path.Segments)
        {
            var kind = current.Codec == Multicodec.DagPb ? (await StatAsync(current, cancellationToken).ConfigureAwait(false)).Kind : UnixFsNodeKind.RawBlock;
            if (kind is not (UnixFsNodeKind.Directory or UnixFsNodeKind.ShardedDirectory))
            {
                throw new IpfsKitPathNotFoundException(path.ToString(), segment, current, "it is " + UnixFsErrors.Describe(kind));
            }

            var entry = await FindAsync(current, segment, visited, cancellationToken).ConfigureAwait(false)
                ?? throw new IpfsKitPathNotFoundException(path.ToString(), segment, current);
            current = entry.Cid;
            nodes.Add(current);
        }

        return new ContentPathResolution(current, nodes);
    }
}
