namespace IpfsKit.Roles.Coordination.Internal;

/// <summary>
/// Which way a read of a missing block may go. In a composite cluster a node that lacks a block asks up (its master),
/// and a master asks down (the member whose placement holds it). A request a master sends down carries
/// <see cref="Coordination.CoordinationPaths.DownOnlyHeader"/>; the host then serves it in a down-only scope, in which
/// no node asks up again: a read goes up at most the tree's height and down at most its height, never round a cycle.
/// </summary>
internal static class ReadScope
{
    private static readonly AsyncLocal<bool> DownOnlyFlag = new();

    /// <summary>Gets whether the current call may only ask down (it came from this node's master).</summary>
    public static bool IsDownOnly => DownOnlyFlag.Value;

    /// <summary>Runs the rest of the current call (until disposed) in a down-only scope.</summary>
    /// <returns>Restores the previous scope.</returns>
    public static IDisposable DownOnly()
    {
        var previous = DownOnlyFlag.Value;
        DownOnlyFlag.Value = true;
        return new Restore(previous);
    }

    private sealed class Restore(bool previous) : IDisposable
    {
        public void Dispose() => DownOnlyFlag.Value = previous;
    }
}
