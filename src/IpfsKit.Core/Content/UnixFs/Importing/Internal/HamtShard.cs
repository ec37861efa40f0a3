using System.Text;
using IpfsKit.Content.DagPb;
using IpfsKit.Content.Internal;
using IpfsKit.Errors;

namespace IpfsKit.Content.UnixFs.Importing.Internal;

/// <summary>
/// Builds a UnixFS HAMT-sharded directory as Kubo does: entries are keyed by murmur3-x64-64 of their UTF-8 name, each
/// level takes log2(fanout) bits of the hash (most significant first), a slot holds one entry or, when two or more
/// entries share it, a sub-shard. A node's links are its occupied slots in order, named by the slot's upper-case hex
/// index (sub-shards) or that index followed by the entry name (entries).
/// </summary>
internal sealed class HamtShard
{
    private const ulong Murmur3HashType = 0x22;
    private readonly object?[] _slots;
    private readonly int _fanout;
    private readonly int _bitsPerLevel;
    private readonly int _depth;

    private HamtShard(int fanout, int depth)
    {
        _fanout = fanout;
        _bitsPerLevel = System.Numerics.BitOperations.Log2((uint)fanout);
        _depth = depth;
        _slots = new object?[fanout];
    }

    public static async ValueTask<DagLink> CommitAsync(IReadOnlyList<KeyValuePair<string, DagLink>> entries, int fanout, BlockSink sink, CancellationToken cancellationToken)
    {
        var root = new HamtShard(fanout, 0);
        foreach (var entry in entries)
        {
            root.Insert(new Keyed(entry.Key, Murmur3.Hash64(Encoding.UTF8.GetBytes(entry.Key)), entry.Value));
        }

        return await root.CommitAsync(sink, cancellationToken).ConfigureAwait(false);
    }

    private void Insert(Keyed entry)
    {
        var slot = SlotOf(entry.Hash);
        switch (_slots[slot])
        {
            case null:
                _slots[slot] = entry;
                break;
            case HamtShard child:
                child.Insert(entry);
                break;
            case Keyed existing:
                var child2 = new HamtShard(_fanout, _depth + 1);
                child2.Insert(existing);
                child2.Insert(entry);
                _slots[slot] = child2;
                break;
        }
    }

    private int SlotOf(ulong hash)
    {
        var consumed = _depth * _bitsPerLevel;
        if (consumed + _bitsPerLevel > 64)
        {
            throw new IpfsKitException("A HAMT directory ran out of hash bits: two names have the same 64-bit murmur3 hash.");
        }

        return (int)((hash << consumed) >> (64 - _bitsPerLevel));
    }

    private async ValueTask<DagLink> CommitAsync(BlockSink sink, CancellationToken cancellationToken)
    {
        var width = (_fanout - 1).ToString("X", System.Globalization.CultureInfo.InvariantCulture).Length;
        var links = new List<DagPbLink>();
        var bitfield = new byte[_fanout / 8];
        ulong content = 0, tsize = 0;
        for (var i = 0; i < _fanout; i++)
        {
            if (_slots[i] is not { } occupant)
            {
                continue;
            }

            bitfield[bitfield.Length - 1 - (i / 8)] |= (byte)(1 << (i % 8));
            var prefix = i.ToString("X" + width.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
            var (name, link) = occupant is Keyed entry
                ? (prefix + entry.Name, entry.Link)
                : (prefix, await ((HamtShard)occupant).CommitAsync(sink, cancellationToken).ConfigureAwait(false));
            links.Add(new DagPbLink(link.Cid, name, link.Tsize));
            content += link.ContentSize;
            tsize += link.Tsize;
        }

        var firstSet = Array.FindIndex(bitfield, b => b != 0);
        var data = UnixFsCodec.Encode(new UnixFsData
        {
            Type = UnixFsType.HamtShard,
            Data = bitfield.AsMemory(firstSet < 0 ? bitfield.Length : firstSet),
            HashType = Murmur3HashType,
            Fanout = (ulong)_fanout,
        });
        var bytes = DagPbCodec.Encode(new DagPbNode(links, data));
        var cid = await sink.PutAsync(Multicodec.DagPb, bytes, sink.CidVersion, cancellationToken).ConfigureAwait(false);
        return new DagLink(cid, content, tsize + (ulong)bytes.Length);
    }

    private sealed record Keyed(string Name, ulong Hash, DagLink Link);
}
