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

    [LoggerMessage(3054, LogLevel.Information, "Add {AddId}: {Subtrees} subtree(s), {Bytes} bytes, placed on workers while the add runs; {OnMaster} bytes of it stay spooled")]
    public static partial void SubtreesPlaced(ILogger logger, string addId, int subtrees, long bytes, long onMaster);

    [LoggerMessage(3055, LogLevel.Warning, "Add {AddId}: placing its subtrees failed; the add waits and tries again")]
    public static partial void SubtreesFailed(ILogger logger, string addId, Exception exception);

    [LoggerMessage(3056, LogLevel.Information, "Add {AddId}: pin {Cid} adopted {Ranges} range(s) placed while it ran, replication {Replication}")]
    public static partial void SpoolAdopted(ILogger logger, string addId, string cid, int ranges, int replication);

    [LoggerMessage(3057, LogLevel.Information, "{Subtrees} subtree(s) placed for adds that did not finish are released on the workers")]
    public static partial void SpoolAbandoned(ILogger logger, int subtrees);
}
