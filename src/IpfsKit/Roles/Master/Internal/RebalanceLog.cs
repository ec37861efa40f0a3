using Microsoft.Extensions.Logging;

namespace IpfsKit.Roles.Master.Internal;

/// <summary>The log messages of rebalancing (ids 3401–3499).</summary>
internal static partial class RebalanceLog
{
    [LoggerMessage(3401, LogLevel.Information, "Rebalanced: moved {Moves} ranges, {Bytes} bytes; the most loaded worker went from {Before:F2} to {After:F2} times its fair share (budget {Budget} bytes)")]
    public static partial void Rebalanced(ILogger logger, int moves, long bytes, double before, double after, long budget);

    [LoggerMessage(3402, LogLevel.Warning, "Pin {Cid}: moving ranges failed; the placements in force stay and the move is retried next pass")]
    public static partial void MoveFailed(ILogger logger, string cid, Exception exception);

    [LoggerMessage(3403, LogLevel.Debug, "Rebalancing waits for the membership to settle: {Reason}")]
    public static partial void Waiting(ILogger logger, string reason);
}
