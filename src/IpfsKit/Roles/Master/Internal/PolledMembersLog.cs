using Microsoft.Extensions.Logging;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>The log messages of the stock Kubo daemons the master polls (<see cref="PolledMembers"/>).</summary>
internal static partial class PolledMembersLog
{
    [LoggerMessage(3651, LogLevel.Information, "Kubo daemon {Url} joined as member {PeerId} ({FreeBytes} of {CapacityBytes} bytes free)")]
    public static partial void Joined(ILogger logger, Uri url, string peerId, long freeBytes, long capacityBytes);

    [LoggerMessage(3652, LogLevel.Warning, "Kubo daemon {Url} does not answer; it stops beating (a dead member after the missed heartbeats) and joins again once it answers")]
    public static partial void Unreachable(ILogger logger, Uri url, Exception exception);

    [LoggerMessage(3653, LogLevel.Warning, "Kubo daemon {Url} could not join the master; retried next heartbeat")]
    public static partial void JoinFailed(ILogger logger, Uri url, Exception exception);

    [LoggerMessage(3654, LogLevel.Information, "Kubo daemon {Url} reports no StorageMax limit; its capacity is taken as {CapacityBytes} bytes (Kubo's default 10 GB)")]
    public static partial void NoStorageMax(ILogger logger, Uri url, long capacityBytes);
}
