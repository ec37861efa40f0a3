namespace IpfsKit.Sharding.Execution;

/// <summary>Options of the <see cref="ShardExecutor"/>.</summary>
public sealed record ShardExecutorOptions
{
    /// <summary>Gets the SQLite file where progress is kept, so a crashed or cancelled run resumes where it stopped.</summary>
    /// <value>The default value is <see langword="null"/>: progress is kept in memory for the executor's lifetime.</value>
    public string? DatabasePath { get; init; }

    /// <summary>Gets how many targets are worked on at once.</summary>
    /// <value>The default value is 4.</value>
    public int MaxParallelTargets { get; init; } = 4;

    /// <summary>Gets how many blocks are sent to one target at once.</summary>
    /// <value>The default value is 4.</value>
    public int MaxParallelBlocksPerTarget { get; init; } = 4;

    /// <summary>Gets the clock used to stamp progress rows.</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
