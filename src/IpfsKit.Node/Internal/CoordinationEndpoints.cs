using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Roles.Coordination;
using IpfsKit.Roles.Coordination.Internal;
using IpfsKit.Roles.Master;
using IpfsKit.Sharding;

namespace IpfsKit.Node.Internal;

/// <summary>
/// The master's coordination endpoints (<see cref="CoordinationPaths"/>) over <see cref="MasterNode"/>: JSON of the
/// coordination records; a malformed body answers 400 with Kubo's error JSON naming what is wrong.
/// </summary>
internal static partial class CoordinationEndpoints
{
    private static CoordinationJsonContext Json => CoordinationJsonContext.Default;

    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var cluster = app.MapGroup(string.Empty).AddEndpointFilter(InvokeAsync);
        cluster.MapPost(CoordinationPaths.Join, JoinAsync);
        cluster.MapPost(CoordinationPaths.Heartbeat, HeartbeatAsync);
        cluster.MapPost(CoordinationPaths.Leave, LeaveAsync);
        cluster.MapPost(CoordinationPaths.Drain, DrainAsync);
        cluster.MapGet(CoordinationPaths.Workers, WorkersAsync);
        cluster.MapPost(CoordinationPaths.Operations, OperationAsync);
        cluster.MapGet(CoordinationPaths.Pins, PinsAsync);
        cluster.MapGet(CoordinationPaths.PinPlanPrefix + "{cid}/plan", PlanAsync);
    }

    private static async Task<IResult> JoinAsync(HttpRequest request, MasterNode master)
    {
        var join = await ReadAsync(request, Json.WorkerJoinRequest).ConfigureAwait(false);
        return Results.Json(await master.JoinAsync(join, request.HttpContext.RequestAborted).ConfigureAwait(false), Json.WorkerJoinReply);
    }

    private static async Task<IResult> HeartbeatAsync(HttpRequest request, MasterNode master)
    {
        var beat = await ReadAsync(request, Json.WorkerHeartbeat).ConfigureAwait(false);
        return await master.HeartbeatAsync(beat, request.HttpContext.RequestAborted).ConfigureAwait(false) is { } worker
            ? Results.Json(worker, Json.WorkerInfo)
            : KuboErrors.Result(StatusCodes.Status404NotFound, $"worker {InputText.Quote(beat.WorkerId)} is not known as alive: join again");
    }

    private static async Task<IResult> LeaveAsync(HttpRequest request, MasterNode master)
    {
        var leave = await ReadAsync(request, Json.WorkerLeaveRequest).ConfigureAwait(false);
        ArgumentException.ThrowIfNullOrWhiteSpace(leave.WorkerId, "workerId");
        _ = leave.Restarting
            ? await master.AwayAsync(leave.WorkerId, request.HttpContext.RequestAborted).ConfigureAwait(false)
            : await master.LeaveAsync(leave.WorkerId, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static async Task<IResult> DrainAsync(HttpRequest request, MasterNode master)
    {
        var drain = await ReadAsync(request, Json.WorkerLeaveRequest).ConfigureAwait(false);
        ArgumentException.ThrowIfNullOrWhiteSpace(drain.WorkerId, "workerId");
        return await master.DrainAsync(drain.WorkerId, request.HttpContext.RequestAborted).ConfigureAwait(false) is { } worker
            ? Results.Json(worker, Json.WorkerInfo)
            : KuboErrors.Result(StatusCodes.Status404NotFound, $"worker {InputText.Quote(drain.WorkerId)} is not known");
    }

    private static async Task<IResult> WorkersAsync(HttpContext context, MasterNode master) =>
        Results.Json(await master.ListWorkersAsync(context.RequestAborted).ConfigureAwait(false), Json.IReadOnlyListWorkerInfo);

    private static async Task<IResult> OperationAsync(HttpRequest request, MasterNode master)
    {
        var operation = await ReadAsync(request, Json.ForwardedOperation).ConfigureAwait(false);
        return Results.Json(await master.ApplyAsync(operation, request.HttpContext.RequestAborted).ConfigureAwait(false), Json.ForwardedOperationReply);
    }

    private static async Task<IResult> PinsAsync(HttpContext context, MasterNode master) =>
        Results.Json(await master.ListPinsAsync(context.RequestAborted).ConfigureAwait(false), Json.IReadOnlyListMasterPinInfo);

    private static async Task<IResult> PlanAsync(string cid, HttpContext context, MasterNode master)
    {
        var root = CidArgument.Parse(cid);
        return await master.GetPlanAsync(root, context.RequestAborted).ConfigureAwait(false) is { } plan
            ? Results.Text(ShardPlanJson.Serialize(plan), "application/json")
            : KuboErrors.Result(StatusCodes.Status404NotFound, $"{root} has no plan in force");
    }

    private static async Task<T> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(request.Body, typeInfo, request.HttpContext.RequestAborted).ConfigureAwait(false)
                ?? throw new ArgumentException($"the body is null, not a {typeof(T).Name}");
        }
        catch (JsonException e)
        {
            // The reason without System.Text.Json's " Path: …" tail, whose property names come from the body: quoted short.
            var reason = e.Message.Split(" Path:", 2)[0];
            throw new ArgumentException($"the body is not a valid {typeof(T).Name} at {InputText.Quote(e.Path)} (line {e.LineNumber}, byte {e.BytePositionInLine}): {reason}", e);
        }
    }

    private static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        try
        {
            return await next(invocation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            // KuboErrorFilter's table (400 malformed, 413 too large, 408 too slow, 507 full, …), except that a well
            // formed operation naming content this node does not hold is 422 (a leecher parks it).
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("IpfsKit.Node.Coordination");
            var status = e switch
            {
                IpfsKitBlockNotFoundException => StatusCodes.Status422UnprocessableEntity,
                IpfsKitOperationRefusedException => StatusCodes.Status409Conflict, // a join beyond IpfsKit:Roles:MaxMembers
                _ => KuboErrorFilter.StatusOf(e),
            };
            if (status >= StatusCodes.Status500InternalServerError)
            {
                LogFailed(logger, context.Request.Path, e);
            }
            else
            {
                LogRejected(logger, context.Request.Path, status, e.Message);
            }

            return status == StatusCodes.Status422UnprocessableEntity
                ? KuboErrors.Result(status, $"the master does not hold the content: {e.Message}")
                : KuboErrors.Result(status, e.Message);
        }
    }

    [LoggerMessage(40, LogLevel.Information, "Coordination call {Path} rejected with {Status}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string path, int status, string reason);

    [LoggerMessage(41, LogLevel.Warning, "Coordination call {Path} failed")]
    private static partial void LogFailed(ILogger logger, string path, Exception exception);
}
