using System.Globalization;
using System.Numerics;
using System.Text;
using IpfsKit.Blocks;
using IpfsKit.Content.Internal;

namespace IpfsKit.Content.UnixFs.Reading.Internal;

/// <summary>
/// Finds one entry of a directory by name: a plain directory's links are scanned; a HAMT-sharded directory is descended
/// by the murmur3-x64-64 hash of the name (log2(fanout) bits a level, most significant first, as the importer builds
/// it), fetching only the shards on the way.
/// </summary>
internal static class DirectoryLookup
{
    public static async Task<UnixFsDirectoryEntry?> FindAsync(IBlockSource source, UnixFsNode directory, string name, ICollection<Cid>? visited, CancellationToken cancellationToken)
    {
        visited?.Add(directory.Cid);
        if (directory.Kind == UnixFsNodeKind.Directory)
        {
            foreach (var link in directory.Links)
            {
                if (string.Equals(link.Name ?? string.Empty, name, StringComparison.Ordinal))
                {
                    return new UnixFsDirectoryEntry(name, link.Hash, link.Tsize);
                }
            }

            return null;
        }

        var hash = Murmur3.Hash64(Encoding.UTF8.GetBytes(name));
        var shard = directory;
        for (var depth = 0; depth < HamtListing.MaxDepth; depth++)
        {
            var fanout = shard.Fanout;
            var bits = BitOperations.Log2((uint)fanout);
            var consumed = depth * bits;
            if (consumed + bits > 64)
            {
                return null; // the hash is used up: no entry can be this deep
            }

            var width = HamtListing.PrefixWidth(fanout);
            var slot = (int)((hash << consumed) >> (64 - bits));
            var prefix = slot.ToString("X" + width.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            var link = shard.Links.FirstOrDefault(l => l.Name?.StartsWith(prefix, StringComparison.Ordinal) == true);
            if (link.Name is null)
            {
                return null;
            }

            if (link.Name.Length > width)
            {
                return string.Equals(link.Name[width..], name, StringComparison.Ordinal) ? new UnixFsDirectoryEntry(name, link.Hash, link.Tsize) : null;
            }

            shard = await UnixFsNode.LoadAsync(source, link.Hash, cancellationToken).ConfigureAwait(false);
            if (shard.Kind != UnixFsNodeKind.ShardedDirectory)
            {
                throw UnixFsErrors.Format($"HAMT shard {directory.Cid} links bucket {prefix} to {link.Hash}, which is not a shard");
            }

            visited?.Add(shard.Cid);
        }

        throw UnixFsErrors.Format($"HAMT directory {directory.Cid} is deeper than {HamtListing.MaxDepth} levels");
    }
}
