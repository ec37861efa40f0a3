using Microsoft.Extensions.Logging;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>The master's log messages.</summary>
internal static partial class MasterLog
{
    [LoggerMessage(3001, LogLevel.Warning, "Worker {WorkerId} missed its heartbeats and is declared dead")]
    public static partial void WorkerDead(ILogger logger, string workerId);

    [LoggerMessage(3002, LogLevel.Information, "Pin {Cid} placed on {Targets} worker(s), {Bytes} bytes sent")]
    public static partial void Placed(ILogger logger, string cid, int targets, long bytes);

    [LoggerMessage(3003, LogLevel.Information, "Pin {Cid}: the ranges of lost target {Target} were repaired onto the survivors, {Bytes} bytes sent")]
    public static partial void Repaired(ILogger logger, string cid, string target, long bytes);

    [LoggerMessage(3004, LogLevel.Warning, "Pin {Cid} could not be placed; it is retried next pass")]
    public static partial void PlacementFailed(ILogger logger, string cid, Exception exception);

    [LoggerMessage(3005, LogLevel.Debug, "No worker is alive: {Pending} pin(s) wait")]
    public static partial void NoWorkers(ILogger logger, int pending);

    [LoggerMessage(3006, LogLevel.Error, "The master's coordination pass failed")]
    public static partial void PassFailed(ILogger logger, Exception exception);

    [LoggerMessage(3007, LogLevel.Debug, "Releasing {Cid} on {Target} failed; it is retried next pass")]
    public static partial void ReleaseFailed(ILogger logger, string cid, string target, Exception exception);

    [LoggerMessage(3008, LogLevel.Information, "Worker {Target} is back: released the {Pins} pin(s) of {Cid} that were repaired away from it")]
    public static partial void Reclaimed(ILogger logger, string target, string cid, int pins);
}
