using System.Collections.Concurrent;
using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Content.UnixFs.Importing;
using IpfsKit.Sharding;
using IpfsKit.Tests.Transports;
using IpfsKit.Tests.Transports.KuboRpc;
using IpfsKit.Transports;
using IpfsKit.Testing.Streams;

namespace IpfsKit.Tests.Sharding;

/// <summary>Shared pieces of the sharding tests: generated DAGs, counting wrappers, leaf order of an outline.</summary>
internal static class ShardingTestKit
{
    /// <summary>Imports <paramref name="length"/> seeded random bytes into a new memory store.</summary>
    public static async Task<(MemoryBlockStore Store, Cid Root)> ImportAsync(long length, ulong seed, ImportOptions? options = null)
    {
        var store = new MemoryBlockStore();
        using var content = new SeededRandomStream((ulong)seed, length);
        var result = await new UnixFsImporter(store, options).AddFileAsync(content);
        return (store, result.Cid);
    }

    /// <summary>A flat cluster of targets <c>peer-0</c>… with equal capacity.</summary>
    public static ClusterNode Flat(int count) =>
        new("root", [.. Enumerable.Range(0, count).Select(i => (TopologyNode)new TargetNode($"peer-{i}", 1L << 40, 1L << 40))]);

    /// <summary>The leaf CIDs of an outline, in order.</summary>
    public static List<Cid> Leaves(DagOutline outline)
    {
        var leaves = new List<Cid>();
        void Walk(Cid cid)
        {
            if (outline.Nodes.TryGetValue(cid, out var node))
            {
                foreach (var link in node.Links)
                {
                    Walk(link.Cid);
                }
            }
            else
            {
                leaves.Add(cid);
            }
        }

        Walk(outline.Root);
        return leaves;
    }

    /// <summary>Every distinct block CID under <paramref name="root"/> in <paramref name="store"/>, as the links name them.</summary>
    public static async Task<HashSet<Cid>> DagCidsAsync(IBlockSource store, Cid root)
    {
        var all = new HashSet<Cid>();
        var stack = new Stack<Cid>([root]);
        while (stack.TryPop(out var cid))
        {
            if (!all.Add(cid))
            {
                continue;
            }

            if (cid.Codec == Multicodec.DagPb)
            {
                var block = await store.GetRequiredAsync(cid);
                foreach (var link in Content.DagPb.DagPbCodec.Decode(block.Data).Links)
                {
                    stack.Push(link.Hash);
                }
            }
        }

        return all;
    }
}

/// <summary>A block source that counts its reads.</summary>
internal sealed class CountingBlockSource(IBlockSource inner) : IBlockSource
{
    private int _reads;

    public int Reads => Volatile.Read(ref _reads);

    public ValueTask<Block?> GetAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        return inner.GetAsync(cid, cancellationToken);
    }
}

/// <summary>A transport that counts block puts and pins, and can run a hook before each put (to cancel a run midway).</summary>
internal sealed class CountingTransport(IIpfsTransport inner) : DelegatingIpfsTransport(inner)
{
    private int _puts;

    public int Puts => Volatile.Read(ref _puts);

    public ConcurrentBag<(Cid Cid, PinMode Mode)> Pins { get; } = [];

    public Action<int>? BeforePut { get; set; }

    public override Task PutBlockAsync(Block block, CancellationToken cancellationToken = default)
    {
        var count = Interlocked.Increment(ref _puts);
        BeforePut?.Invoke(count);
        return base.PutBlockAsync(block, cancellationToken);
    }

    public override async Task PinAsync(Cid cid, PinMode mode = PinMode.Recursive, CancellationToken cancellationToken = default)
    {
        await base.PinAsync(cid, mode, cancellationToken);
        Pins.Add((cid, mode));
    }
}
