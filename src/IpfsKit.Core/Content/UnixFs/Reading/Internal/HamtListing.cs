using System.Runtime.CompilerServices;
using IpfsKit.Blocks;

namespace IpfsKit.Content.UnixFs.Reading.Internal;

/// <summary>
/// Walks a HAMT-sharded directory depth first, in link order. A link whose name is exactly a bucket prefix (upper-case
/// hex, as wide as the hex of fanout − 1) is a sub-shard; a longer name is an entry whose name follows the prefix.
/// </summary>
internal static class HamtListing
{
    /// <summary>The deepest shard accepted: a 64-bit hash runs out long before this with any valid fanout.</summary>
    public const int MaxDepth = 64;

    public static async IAsyncEnumerable<UnixFsDirectoryEntry> ListAsync(IBlockSource source, UnixFsNode root, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var fanout = root.Fanout;
        var width = PrefixWidth(fanout);

        // One frame a level: the shard and the index of its next link. The stack's depth is the shard's depth.
        var stack = new Stack<(UnixFsNode Shard, int Next)>();
        stack.Push((root, 0));
        while (stack.TryPop(out var frame))
        {
            var (shard, next) = frame;
            if (next >= shard.Links.Count)
            {
                continue;
            }

            stack.Push((shard, next + 1));
            var link = shard.Links[next];
            var name = link.Name ?? string.Empty;
            CheckPrefix(shard, name, width, fanout);
            if (name.Length > width)
            {
                yield return new UnixFsDirectoryEntry(name[width..], link.Hash, link.Tsize);
                continue;
            }

            if (stack.Count >= MaxDepth)
            {
                throw UnixFsErrors.Format($"HAMT directory {root.Cid} is more than {MaxDepth} shards deep");
            }

            var child = await UnixFsNode.LoadAsync(source, link.Hash, cancellationToken).ConfigureAwait(false);
            if (child.Kind != UnixFsNodeKind.ShardedDirectory)
            {
                throw UnixFsErrors.Format(
                    $"HAMT shard {shard.Cid} links {link.Hash} as sub-shard {UnixFsErrors.Quote(name)}, but it is {UnixFsErrors.Describe(child.Kind)}");
            }

            if (child.Fanout != fanout)
            {
                throw UnixFsErrors.Format($"HAMT shard {shard.Cid} has fanout {fanout} but its sub-shard {child.Cid} has {child.Fanout}");
            }

            stack.Push((child, 0));
        }
    }

    /// <summary>Gets the width of a bucket prefix: the number of upper-case hex digits of fanout − 1 (2 for 256).</summary>
    public static int PrefixWidth(int fanout) =>
        (fanout - 1).ToString("X", System.Globalization.CultureInfo.InvariantCulture).Length;

    private static void CheckPrefix(UnixFsNode shard, string name, int width, int fanout)
    {
        if (name.Length < width)
        {
            throw UnixFsErrors.Format($"HAMT shard {shard.Cid} has a link named {UnixFsErrors.Quote(name)}, shorter than its {width}-digit bucket prefix");
        }

        var bucket = 0;
        foreach (var c in name.AsSpan(0, width))
        {
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => -1,
            };
            if (digit < 0)
            {
                throw UnixFsErrors.Format($"HAMT shard {shard.Cid} has a link named {UnixFsErrors.Quote(name)} that does not start with {width} upper-case hex digits");
            }

            bucket = (bucket * 16) + digit;
        }

        if (bucket >= fanout)
        {
            throw UnixFsErrors.Format($"HAMT shard {shard.Cid} has a link in bucket {bucket}, outside its fanout {fanout}");
        }
    }
}
