namespace IpfsKit.Sharding.Execution;

/// <summary>Options of the <see cref="ClusterBlockSource"/>.</summary>
public sealed record ClusterBlockSourceOptions
{
    /// <summary>Gets the target asked first among those that hold a block (the node a reader "starts from").</summary>
    /// <value>The default value is <see langword="null"/>: the plan's order.</value>
    public string? PreferredTarget { get; init; }

    /// <summary>
    /// Gets how long one target is given to answer for one block before the next is asked. Kubo and js-ipfs wait for
    /// the network, without end, for a block they do not have.
    /// </summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets whether a block is asked, after the targets whose placements hold it, of every other target too. A master
    /// reading through its workers turns it off: a worker asks its master for a block it lacks, so asking one that
    /// holds no placement of it would come back to the master.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool AskOtherTargets { get; init; } = true;

    /// <summary>Gets the clock of the attempt timeouts.</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
