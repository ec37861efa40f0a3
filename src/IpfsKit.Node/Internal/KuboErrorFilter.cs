namespace IpfsKit.Node.Internal;

/// <summary>Turns failures of /api/v0 calls into Kubo's error JSON: 400 for bad arguments, 503 for a full offline outbox, 500 otherwise.</summary>
internal static partial class KuboErrorFilter
{
    public static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        try
        {
            return await next(invocation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("IpfsKit.Node.KuboApi");
            LogFailed(logger, context.Request.Path, e);
            if (context.Response.HasStarted)
            {
                context.Abort();
                return Results.Empty;
            }

            var status = e switch
            {
                ArgumentException or FormatException or IpfsKitFormatException or InvalidDataException => StatusCodes.Status400BadRequest,
                IpfsKitOutboxFullException => StatusCodes.Status503ServiceUnavailable, // temporary: the outbox drains once the master answers
                _ => StatusCodes.Status500InternalServerError,
            };
            await KuboErrors.WriteAsync(context, status, e.Message).ConfigureAwait(false);
            return Results.Empty;
        }
    }

    [LoggerMessage(20, LogLevel.Warning, "API call {Path} failed")]
    private static partial void LogFailed(ILogger logger, string path, Exception exception);
}
