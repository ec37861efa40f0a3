using IpfsKit.Errors;
using IpfsKit.Roles.Coordination;
using IpfsKit.Roles.Master;

namespace IpfsKit.Node.Internal;

/// <summary>
/// The master's coordination endpoints (<see cref="CoordinationPaths"/>) over the library's <see cref="MasterEndpoints"/> (which reads the
/// bodies and writes the JSON of the coordination records); a malformed body answers 400 with Kubo's error JSON naming what is wrong.
/// </summary>
internal static partial class CoordinationEndpoints
{
    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var cluster = app.MapGroup(string.Empty).AddEndpointFilter(InvokeAsync);
        cluster.MapPost(CoordinationPaths.Join, (HttpRequest request, MasterEndpoints master) => AnswerAsync(master.JoinAsync(request.Body, request.HttpContext.RequestAborted)));
        cluster.MapPost(CoordinationPaths.Heartbeat, (HttpRequest request, MasterEndpoints master) => AnswerAsync(master.HeartbeatAsync(request.Body, request.HttpContext.RequestAborted)));
        cluster.MapPost(CoordinationPaths.Leave, (HttpRequest request, MasterEndpoints master) => AnswerAsync(master.LeaveAsync(request.Body, request.HttpContext.RequestAborted)));
        cluster.MapPost(CoordinationPaths.Drain, (HttpRequest request, MasterEndpoints master) => AnswerAsync(master.DrainAsync(request.Body, request.HttpContext.RequestAborted)));
        cluster.MapGet(CoordinationPaths.Workers, (HttpContext context, MasterEndpoints master) => AnswerAsync(master.ListWorkersAsync(context.RequestAborted)));
        cluster.MapPost(CoordinationPaths.Operations, (HttpRequest request, MasterEndpoints master) => AnswerAsync(master.ApplyAsync(request.Body, request.HttpContext.RequestAborted)));
        cluster.MapGet(CoordinationPaths.Pins, (HttpContext context, MasterEndpoints master) => AnswerAsync(master.ListPinsAsync(context.RequestAborted)));
        cluster.MapGet(CoordinationPaths.PinPlanPrefix + "{cid}/plan", (string cid, HttpContext context, MasterEndpoints master) =>
            AnswerAsync(master.GetPlanAsync(CidArgument.Parse(cid), context.RequestAborted)));
    }

    /// <summary>The library's answer as HTTP: its status and JSON body, or a failure's message in Kubo's error JSON.</summary>
    private static async Task<IResult> AnswerAsync(Task<CoordinationAnswer> call)
    {
        var answer = await call.ConfigureAwait(false);
        return answer.ErrorMessage is { } message ? KuboErrors.Result(answer.StatusCode, message) : new AnswerResult(answer);
    }

    private static ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next) =>
        KuboErrorFilter.GuardAsync(invocation, next, "IpfsKit.Node.Coordination", (context, logger, e) =>
        {
            // KuboErrorFilter's table (400 malformed, 413 too large, 408 too slow, 507 full, …), except that a well
            // formed operation naming content this node does not hold is 422 (a leecher parks it).
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

            return ValueTask.FromResult<object?>(status == StatusCodes.Status422UnprocessableEntity
                ? KuboErrors.Result(status, $"the master does not hold the content: {e.Message}")
                : KuboErrors.Result(status, e.Message));
        });

    [LoggerMessage(40, LogLevel.Information, "Coordination call {Path} rejected with {Status}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string path, int status, string reason);

    [LoggerMessage(41, LogLevel.Warning, "Coordination call {Path} failed")]
    private static partial void LogFailed(ILogger logger, string path, Exception exception);

    private sealed class AnswerResult(CoordinationAnswer answer) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = answer.StatusCode;
            if (answer.ContentType is { } type)
            {
                httpContext.Response.ContentType = type;
            }

            await answer.WriteBodyAsync(httpContext.Response.Body, httpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}
