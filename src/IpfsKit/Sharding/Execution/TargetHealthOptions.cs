namespace IpfsKit.Sharding.Execution;

/// <summary>Options of the <see cref="TargetHealthMonitor"/>.</summary>
public sealed record TargetHealthOptions
{
    /// <summary>Gets how many checks in a row must fail before a target is declared dead.</summary>
    /// <value>The default value is 3.</value>
    public int FailureThreshold { get; init; } = 3;

    /// <summary>Gets how long one check (identify, then repo stat) may take before it counts as failed.</summary>
    /// <value>The default value is 5 seconds.</value>
    public TimeSpan CheckTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets the time between rounds of checks in <see cref="TargetHealthMonitor.RunAsync"/>.</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets the clock of the timeouts and of the interval.</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
