using System.Buffers.Binary;
using IpfsKit.Content;
using IpfsKit.Sharding;

namespace IpfsKit.Tests.Sharding;

/// <summary>
/// Builds DAG outlines without content: distinct fake but valid CIDs (<see cref="Cid.Compute"/> over a counter), leaf
/// sizes as the links report them, internal blocks sized like dag-pb (about 40 bytes a link).
/// </summary>
internal sealed class SyntheticDag
{
    private readonly Dictionary<Cid, OutlineNode> _nodes = [];
    private long _counter;

    /// <summary>A balanced DAG of <paramref name="leaves"/> equal leaves, <paramref name="fanout"/> links a node (as the importer builds).</summary>
    public static DagOutline Balanced(long leaves, int fanout, long leafBytes)
    {
        var dag = new SyntheticDag();
        var level = new List<OutlineLink>();
        for (long i = 0; i < leaves; i++)
        {
            level.Add(new OutlineLink(dag.NextCid(Multicodec.Raw), leafBytes, leafBytes));
        }

        while (level.Count > 1 || dag._nodes.Count == 0)
        {
            var next = new List<OutlineLink>();
            for (var i = 0; i < level.Count; i += fanout)
            {
                next.Add(dag.AddNode(level.GetRange(i, Math.Min(fanout, level.Count - i))));
            }

            level = next;
        }

        return new DagOutline(level[0].Cid, dag._nodes);
    }

    /// <summary>
    /// A random DAG: depth 1 to 4, fan-out 1 to <paramref name="maxFanout"/>, some links stop early as leaves, optionally one
    /// node with <paramref name="hugeNodeLinks"/> leaf links, leaf sizes log-uniform in 1 B to <paramref name="maxLeafBytes"/>,
    /// some leaves reporting only their content size (DagBytes 0); about <paramref name="leafBudget"/> leaves at most.
    /// </summary>
    public static DagOutline Random(int seed, int depth, int maxFanout, int hugeNodeLinks, long maxLeafBytes, int leafBudget)
    {
        var dag = new SyntheticDag();
        var random = new Random(seed);
        var leaves = 0;
        var hugeDone = hugeNodeLinks == 0;

        OutlineLink Leaf()
        {
            leaves++;
            var bytes = (long)Math.Max(1, Math.Exp(random.NextDouble() * Math.Log(maxLeafBytes)));
            return new OutlineLink(dag.NextCid(Multicodec.Raw), bytes, random.Next(10) == 0 ? 0 : bytes);
        }

        OutlineLink Node(int level)
        {
            int fanout;
            if (!hugeDone && level == depth - 1)
            {
                hugeDone = true;
                fanout = hugeNodeLinks;
            }
            else
            {
                fanout = random.Next(1, maxFanout + 1);
            }

            var links = new List<OutlineLink>(fanout);
            for (var i = 0; i < fanout; i++)
            {
                var internalChild = level + 1 < depth && leaves < leafBudget && random.Next(8) != 0;
                links.Add(internalChild ? Node(level + 1) : Leaf());
            }

            return dag.AddNode(links);
        }

        var root = Node(0);
        return new DagOutline(root.Cid, dag._nodes);
    }

    /// <summary>Every block of the DAG with its size, each occurrence counted once per distinct CID.</summary>
    public static Dictionary<Cid, long> Blocks(DagOutline outline)
    {
        var blocks = new Dictionary<Cid, long>();
        foreach (var node in outline.Nodes.Values)
        {
            blocks[node.Cid] = node.BlockBytes;
            foreach (var link in node.Links.Where(l => !outline.Nodes.ContainsKey(l.Cid)))
            {
                blocks[link.Cid] = link.DagBytes != 0 ? link.DagBytes : link.ContentBytes;
            }
        }

        return blocks;
    }

    /// <summary>The leaves in depth-first order.</summary>
    public static List<Cid> Leaves(DagOutline outline)
    {
        var leaves = new List<Cid>();
        void Walk(OutlineNode node)
        {
            foreach (var link in node.Links)
            {
                if (outline.Nodes.TryGetValue(link.Cid, out var child))
                {
                    Walk(child);
                }
                else
                {
                    leaves.Add(link.Cid);
                }
            }
        }

        Walk(outline.Nodes[outline.Root]);
        return leaves;
    }

    private OutlineLink AddNode(List<OutlineLink> links)
    {
        var cid = NextCid(Multicodec.DagPb);
        var block = 12 + (40L * links.Count);
        _nodes[cid] = new OutlineNode(cid, block, links);
        return new OutlineLink(cid, links.Sum(l => l.ContentBytes), block + links.Sum(l => l.DagBytes != 0 ? l.DagBytes : l.ContentBytes));
    }

    private Cid NextCid(Multicodec codec)
    {
        Span<byte> bytes = stackalloc byte[9];
        bytes[0] = codec == Multicodec.Raw ? (byte)1 : (byte)2;
        BinaryPrimitives.WriteInt64LittleEndian(bytes[1..], _counter++);
        return Cid.Compute(codec, bytes);
    }
}
