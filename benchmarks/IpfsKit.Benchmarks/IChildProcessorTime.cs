namespace IpfsKit.Benchmarks;

/// <summary>A benchmark class whose methods make child processes work (<see cref="InterleavedRunner"/> counts their processor time).</summary>
internal interface IChildProcessorTime
{
    /// <summary>Gets the processor time the child processes have used so far (all of them, servers included).</summary>
    TimeSpan ChildProcessorTime { get; }

    /// <summary>
    /// Gets the part of <see cref="ChildProcessorTime"/> used by a server both the benchmark and its baseline talk to (a
    /// daemon), so the runner can give the client's share apart; zero when there is none.
    /// </summary>
    TimeSpan ServerProcessorTime => TimeSpan.Zero;
}
