using Microsoft.Extensions.Logging;

namespace IpfsKit.Roles.Master.Internal;

/// <content>The messages of the master's spool: what it drops once a pin is placed.</content>
internal static partial class MasterLog
{
    [LoggerMessage(3051, LogLevel.Information, "Pin {Cid} is placed at its replication: the master dropped {Blocks} block(s), {Bytes} bytes, and keeps {Interior} interior node(s)")]
    public static partial void LeavesDropped(ILogger logger, string cid, int blocks, long bytes, int interior);

    [LoggerMessage(3052, LogLevel.Warning, "Pin {Cid}: the master could not drop its leaves; it keeps them and tries again next pass")]
    public static partial void DropFailed(ILogger logger, string cid, Exception exception);

    [LoggerMessage(3053, LogLevel.Information, "The master's spool holds {Bytes} bytes, at or above its budget of {Budget}: the add waits for placement")]
    public static partial void SpoolFull(ILogger logger, long bytes, long budget);
}
