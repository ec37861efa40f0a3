using IpfsKit.Blocks;
using IpfsKit.Content;
using IpfsKit.Transports;

namespace IpfsKit.Node.Internal;

/// <summary>
/// Kubo's <c>pin/add?progress=true</c>: while the pin runs, a <c>{"Progress":nodes,"Bytes":bytes}</c> line every
/// <see cref="TickInterval"/>; at the end a last progress line (when any node was counted) and <c>{"Pins":[cid]}</c>.
/// IPFS Cluster's connector cancels a pin whose <c>Progress</c> stops growing for its <c>pin_timeout</c>, so the
/// count must move while work is done: it counts the DAG's blocks this node holds (memory and disk tiers, never a
/// remote read) as a walk visits them, then pins. A direct pin counts nothing, as Kubo's. A failure before the first
/// line is Kubo's error JSON; after it, the connection is cut (<see cref="KuboErrorFilter"/>) so no client reads a
/// half answer as a success.
/// </summary>
internal static class KuboPinProgress
{
    /// <summary>How often a progress line is written: Kubo's ticker.</summary>
    public static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(500);

    public static async Task RunAsync(HttpContext context, IBlockSource held, Cid cid, PinMode mode, Func<CancellationToken, Task> pin, TimeProvider time)
    {
        var response = context.Response;
        var ct = context.RequestAborted;
        var counter = new Counter();
        var work = WorkAsync(held, cid, mode, pin, counter, ct);
        var started = false;
        while (!work.IsCompleted)
        {
            await Task.WhenAny(work, Task.Delay(TickInterval, time, ct)).ConfigureAwait(false);
            if (work.IsCompleted)
            {
                break;
            }

            await WriteProgressAsync(response, counter, ref started, ct).ConfigureAwait(false);
        }

        await work.ConfigureAwait(false); // a failure surfaces here, to the error filter
        if (Volatile.Read(ref counter.Nodes) != 0)
        {
            await WriteProgressAsync(response, counter, ref started, ct).ConfigureAwait(false);
        }

        if (!started)
        {
            KuboNdjson.Start(response);
        }

        await KuboNdjson.WriteLineAsync(response, json =>
        {
            json.WriteStartArray("Pins");
            json.WriteStringValue(cid.ToString());
            json.WriteEndArray();
        }, ct).ConfigureAwait(false);
    }

    private static async Task WorkAsync(IBlockSource held, Cid cid, PinMode mode, Func<CancellationToken, Task> pin, Counter counter, CancellationToken cancellationToken)
    {
        await Task.Yield(); // the caller starts ticking at once, whatever the walk's first read does
        if (mode == PinMode.Recursive)
        {
            await foreach (var block in DagWalker.WalkAsync(held, cid, new DagWalkOptions { SkipMissing = true }, cancellationToken).ConfigureAwait(false))
            {
                Interlocked.Add(ref counter.Bytes, block.Size);
                Interlocked.Increment(ref counter.Nodes);
            }
        }

        await pin(cancellationToken).ConfigureAwait(false);
    }

    private static Task WriteProgressAsync(HttpResponse response, Counter counter, ref bool started, CancellationToken cancellationToken)
    {
        if (!started)
        {
            KuboNdjson.Start(response);
            started = true;
        }

        var nodes = Volatile.Read(ref counter.Nodes);
        var bytes = Volatile.Read(ref counter.Bytes);
        return KuboNdjson.WriteLineAsync(response, json =>
        {
            if (nodes != 0)
            {
                json.WriteNumber("Progress", nodes); // Kubo omits zero values
            }

            if (bytes != 0)
            {
                json.WriteNumber("Bytes", bytes);
            }
        }, cancellationToken);
    }

    private sealed class Counter
    {
        public long Nodes;
        public long Bytes;
    }
}
