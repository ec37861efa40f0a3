namespace IpfsKit.Sharding.Execution;

/// <summary>Tells that a target has been declared dead.</summary>
/// <param name="target">The target's id.</param>
/// <param name="lastError">The error of its last failed check.</param>
public sealed class TargetDeadEventArgs(string target, Exception? lastError) : EventArgs
{
    /// <summary>Gets the target's id.</summary>
    public string Target { get; } = target;

    /// <summary>Gets the error of its last failed check, or <see langword="null"/> for a timeout.</summary>
    public Exception? LastError { get; } = lastError;
}
