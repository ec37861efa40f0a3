using System.Diagnostics;

namespace IpfsKit.Node.Internal;

/// <summary>
/// Gives every request a correlation id (the caller's X-Correlation-Id when sane, else a new one), echoes it in the
/// response header and logs the request inside a scope carrying it: routine calls that succeed (probes, scrapes,
/// heartbeats) at Debug, so a quiet cluster writes almost nothing; server errors at Warning; the rest at Information.
/// </summary>
internal sealed partial class CorrelationMiddleware(RequestDelegate next, ILogger<CorrelationMiddleware> logger)
{
    public const string HeaderName = "X-Correlation-Id";

    private static readonly Func<ILogger, string, IDisposable?> CorrelationScope =
        LoggerMessage.DefineScope<string>("CorrelationId:{CorrelationId}");

    public async Task InvokeAsync(HttpContext context)
    {
        var id = context.Request.Headers[HeaderName].ToString();
        if (id.Length is 0 or > 128 || !id.All(static c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            id = Guid.NewGuid().ToString("N");
        }

        context.TraceIdentifier = id;
        context.Response.Headers[HeaderName] = id;
        using var scope = CorrelationScope(logger, id);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            var status = context.Response.StatusCode;
            var level = status >= 500 ? LogLevel.Warning : status < 400 && IsRoutine(context.Request.Path) ? LogLevel.Debug : LogLevel.Information;
            if (logger.IsEnabled(level))
            {
                string path = context.Request.Path;
                var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                LogRequest(logger, level, context.Request.Method, path, status, elapsedMs);
            }
        }
    }

    private static bool IsRoutine(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/ready") || path.StartsWithSegments("/metrics")
        || path.StartsWithSegments(IpfsKit.Roles.Coordination.CoordinationPaths.Heartbeat);

    [LoggerMessage(EventId = 10, Message = "HTTP {Method} {Path} answered {StatusCode} in {ElapsedMs} ms")]
    private static partial void LogRequest(ILogger logger, LogLevel level, string method, string path, int statusCode, double elapsedMs);
}
