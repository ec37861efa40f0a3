using System.Runtime.ExceptionServices;
using IpfsKit.Errors;

namespace IpfsKit.Sharding.Execution;

/// <summary>What a <see cref="ShardExecutor"/> run did, target by target.</summary>
/// <param name="Targets">One result per target of the plan, in the plan's order.</param>
public sealed record ShardExecutionResult(IReadOnlyList<ShardTargetResult> Targets)
{
    /// <summary>Gets a value indicating whether every target succeeded.</summary>
    public bool Succeeded => Targets.All(t => t.Succeeded);

    /// <summary>Gets the blocks put by this run, over all targets.</summary>
    public long BlocksSent => Targets.Sum(t => t.BlocksSent);

    /// <summary>Gets the bytes put by this run, over all targets.</summary>
    public long BytesSent => Targets.Sum(t => t.BytesSent);

    /// <summary>Throws the first target's error, if a target failed.</summary>
    /// <exception cref="IpfsKitRemoteException">A target failed; the exception names it.</exception>
    public void EnsureSuccess()
    {
        if (Targets.FirstOrDefault(t => t.Error is not null)?.Error is { } error)
        {
            ExceptionDispatchInfo.Throw(error);
        }
    }
}
