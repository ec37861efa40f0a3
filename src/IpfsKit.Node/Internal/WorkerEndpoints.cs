using IpfsKit.Errors;
using IpfsKit.Roles.Worker;

namespace IpfsKit.Node.Internal;

/// <summary>
/// IpfsKit's own <c>/api/v0/worker/drain</c> on a worker (<c>ipfs-kit worker drain</c>): starts the worker's
/// decommission, or reports where it is when it has started — <c>{"State":"Draining"}</c> while the master hands its
/// ranges to the others, <c>{"State":"Drained"}</c> once it has left. 409 when the worker has not joined its master yet;
/// other roles answer 400.
/// </summary>
internal static class WorkerEndpoints
{
    public static void Map(RouteGroupBuilder api) => api.MapPost("/worker/drain", (Delegate)DrainAsync);

    private static async Task<IResult> DrainAsync(HttpContext context)
    {
        var drain = context.RequestServices.GetService<IWorkerDrain>()
            ?? throw new ArgumentException($"worker drain: this node is a {context.RequestServices.GetRequiredService<NodeSettings>().Role.ToString().ToLowerInvariant()}; only a worker drains");
        try
        {
            var state = await drain.BeginAsync(context.RequestAborted).ConfigureAwait(false);
            return Results.Json(new DrainReply(state.ToString()), KuboJson.Options);
        }
        catch (IpfsKitOperationRefusedException e)
        {
            return KuboErrors.Result(StatusCodes.Status409Conflict, e.Message);
        }
    }

    private sealed record DrainReply(string State);
}
