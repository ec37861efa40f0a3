using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.DagPb;

namespace IpfsKit.Tests.Blocks;

/// <summary>
/// A random DAG for walker properties: leaves (raw, some inline with an identity multihash), then dag-pb nodes whose
/// links point at earlier nodes (shared children and repeated links included); the roots are among the last nodes.
/// Identity blocks are not in <see cref="Store"/>: their bytes are in their CIDs.
/// </summary>
internal sealed class RandomDag
{
    private readonly Dictionary<Cid, Block> _blocks = [];

    public RandomDag(int seed, int size)
    {
        var random = new Random(seed);
        var nodes = new List<Block>();
        for (var i = 0; i < size; i++)
        {
            var data = new byte[random.Next(1, 24)];
            random.NextBytes(data);
            Block block;
            if (nodes.Count == 0 || random.Next(3) == 0)
            {
                block = Block.Create(data, Multicodec.Raw, hashFunction: random.Next(4) == 0 ? Multicodec.Identity : Multicodec.Sha256);
            }
            else
            {
                var links = Enumerable.Range(0, random.Next(1, 6)).Select(_ => new DagPbLink(nodes[random.Next(nodes.Count)].Cid, null, 1)).ToList();
                var bytes = DagPbCodec.Encode(new DagPbNode(links, data));
                block = Block.Create(bytes, Multicodec.DagPb, hashFunction: random.Next(8) == 0 && bytes.Length <= 100 ? Multicodec.Identity : Multicodec.Sha256);
            }

            nodes.Add(block);
            _blocks[block.Cid] = block;
        }

        Roots = [.. nodes.Skip(Math.Max(0, size - random.Next(1, 4))).Select(b => b.Cid).Reverse()];
        foreach (var block in nodes.Where(b => b.Cid.HashCode != Multicodec.Identity))
        {
            Store.PutAsync(block).AsTask().GetAwaiter().GetResult();
        }
    }

    public IReadOnlyList<Cid> Roots { get; }

    public MemoryBlockStore Store { get; } = new();

    /// <summary>Every non-inline block reachable from the roots.</summary>
    public IEnumerable<Cid> Stored => Expected(Roots, null, int.MaxValue).Where(c => c.HashCode != Multicodec.Identity);

    /// <summary>
    /// The model walk, written recursively: preorder, link order, each CID once; a CID in <paramref name="missing"/> is
    /// left out with what only it leads to.
    /// </summary>
    public List<Cid> Expected(IEnumerable<Cid> roots, ISet<Cid>? missing, int maxDepth)
    {
        var order = new List<Cid>();
        var seen = new HashSet<Cid>();
        void Visit(Cid cid, int depth)
        {
            if (!seen.Add(cid) || (missing?.Contains(cid) ?? false))
            {
                return;
            }

            order.Add(cid);
            if (depth < maxDepth && cid.Codec == Multicodec.DagPb)
            {
                foreach (var link in DagPbCodec.Decode(_blocks[cid].Data).Links)
                {
                    Visit(link.Hash, depth + 1);
                }
            }
        }

        foreach (var root in roots)
        {
            Visit(root, 0);
        }

        return order;
    }
}
