using IpfsKit.Errors;

namespace IpfsKit.Node.Internal;

/// <summary>
/// Turns failures of /api/v0 calls into Kubo's error JSON with the status of <see cref="StatusOf"/>, the one table of
/// exception → status the host answers with.
/// </summary>
internal static partial class KuboErrorFilter
{
    public static ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next) =>
        GuardAsync(invocation, next, "IpfsKit.Node.KuboApi", async (context, logger, e) =>
        {
            LogFailed(logger, context.Request.Path, e);
            if (context.Response.HasStarted)
            {
                context.Abort();
                return Results.Empty;
            }

            await KuboErrors.WriteAsync(context, StatusOf(e), e.Message).ConfigureAwait(false);
            return Results.Empty;
        });

    /// <summary>
    /// Runs the endpoint; a failure other than the caller's own abort goes to <paramref name="onFailure"/> with a logger
    /// of <paramref name="category"/> (the one catch of the host's endpoint filters).
    /// </summary>
    public static async ValueTask<object?> GuardAsync(
        EndpointFilterInvocationContext invocation,
        EndpointFilterDelegate next,
        string category,
        Func<HttpContext, ILogger, Exception, ValueTask<object?>> onFailure)
    {
        var context = invocation.HttpContext;
        try
        {
            return await next(invocation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(category);
            return await onFailure(context, logger, e).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The status a failure answers: the server's own for a bad request body (413 too large, 408 too slow, 400
    /// malformed), 400 for bad arguments and encodings, 507 when the store is full, 503 for a full offline outbox,
    /// 500 otherwise (as Kubo answers a well-formed CID it does not hold).
    /// </summary>
    public static int StatusOf(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        ArgumentException or FormatException or IpfsKitFormatException or InvalidDataException or IpfsKitPinPolicyException => StatusCodes.Status400BadRequest,
        IpfsKitCapacityException => StatusCodes.Status507InsufficientStorage,
        IpfsKitOutboxFullException => StatusCodes.Status503ServiceUnavailable, // temporary: the outbox drains once the master answers
        _ => StatusCodes.Status500InternalServerError,
    };

    [LoggerMessage(20, LogLevel.Warning, "API call {Path} failed")]
    private static partial void LogFailed(ILogger logger, string path, Exception exception);
}
