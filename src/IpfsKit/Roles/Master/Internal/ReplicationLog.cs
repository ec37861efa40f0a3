using Microsoft.Extensions.Logging;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>The log messages of re-replication and per-pin policy (ids 3100–3199).</summary>
internal static partial class ReplicationLog
{
    [LoggerMessage(3101, LogLevel.Information, "Pin {Cid}: added replicas, now {Live} of {Wanted}, {Bytes} bytes sent")]
    public static partial void ToppedUp(ILogger logger, string cid, int live, int wanted, long bytes);

    [LoggerMessage(3102, LogLevel.Debug, "Pin {Cid} is under-replicated ({Live} of {Wanted}): no member can take a missing replica now")]
    public static partial void NoRoom(ILogger logger, string cid, int live, int wanted);

    [LoggerMessage(3103, LogLevel.Warning, "Pin {Cid}: adding replicas failed; it is retried next pass")]
    public static partial void TopUpFailed(ILogger logger, string cid, Exception exception);

    [LoggerMessage(3104, LogLevel.Warning, "Pin {Cid}: no survivor can take the ranges of lost target {Target}; they are dropped and the pin is under-replicated until members can take them")]
    public static partial void LostDropped(ILogger logger, string cid, string target);
}
