using IpfsKit.Roles;
using IpfsKit.Roles.Leecher;

namespace IpfsKit.Node.Internal;

/// <summary>
/// IpfsKit's own <c>/api/v0/outbox/*</c> calls on a leecher: <c>ls</c> (how many operations wait, and the parked ones
/// with the master's reasons) and <c>retry</c> (requeue parked operations, by key or all). Other roles answer 400.
/// </summary>
internal static class OutboxEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/outbox/ls", ListAsync);
        api.MapPost("/outbox/retry", RetryAsync);
    }

    private static async Task ListAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var outbox = OutboxOf(context);
        var queued = await outbox.CountQueuedAsync(ct).ConfigureAwait(false);
        var parked = await outbox.GetParkedAsync(ct).ConfigureAwait(false);
        await context.Response.WriteAsJsonAsync(
            new OutboxListing(queued, [.. parked.Select(ParkedEntry.From)]), KuboJson.Options, ct).ConfigureAwait(false);
    }

    /// <summary>Requeues the parked operations named by <c>arg</c> (repeatable), or every one with <c>all=true</c>.</summary>
    private static async Task RetryAsync(HttpContext context)
    {
        var request = context.Request;
        var ct = context.RequestAborted;
        var keys = new List<Guid>();
        foreach (var arg in request.Query["arg"])
        {
            keys.Add(Guid.TryParse(arg, out var key) ? key : throw new ArgumentException($"arg: {InputText.Quote(arg)} is not an operation key"));
        }

        var all = KuboQuery.Flag(request, "all", false);
        if (all == keys.Count > 0)
        {
            throw new ArgumentException("retry: give the keys of parked operations (arg) or all=true, not both and not neither");
        }

        var outbox = OutboxOf(context);
        var requeued = all ? await outbox.RequeueAllParkedAsync(ct).ConfigureAwait(false) : 0;
        var unknown = new List<Guid>();
        foreach (var key in keys)
        {
            if (await outbox.RequeueParkedAsync(key, ct).ConfigureAwait(false))
            {
                requeued++;
            }
            else
            {
                unknown.Add(key);
            }
        }

        if (unknown.Count > 0)
        {
            throw new ArgumentException($"no parked operation has the key {InputText.Quote(string.Join(", ", unknown))} ({requeued} others requeued)");
        }

        await context.Response.WriteAsJsonAsync(new { Requeued = requeued }, KuboJson.Options, ct).ConfigureAwait(false);
    }

    private static ILeecherOutbox OutboxOf(HttpContext context) =>
        context.RequestServices.GetService<ILeecherOutbox>()
        ?? throw new ArgumentException($"outbox: this node is a {context.RequestServices.GetRequiredService<NodeSettings>().Role.ToString().ToLowerInvariant()}; only a leecher queues operations");

    private sealed record OutboxListing(int Queued, IReadOnlyList<ParkedEntry> Parked);

    private sealed record ParkedEntry(string Key, string Kind, string? Cid, string? Topic, DateTimeOffset EnqueuedAt, DateTimeOffset ParkedAt, string Reason)
    {
        public static ParkedEntry From(ParkedOperation parked)
        {
            var op = parked.Operation;
            return new(op.IdempotencyKey.ToString(), op.Kind.ToString(), op.Cid.IsEmpty ? null : op.Cid.ToString(), op.Topic, op.EnqueuedAt, parked.ParkedAt, parked.Reason);
        }
    }
}
