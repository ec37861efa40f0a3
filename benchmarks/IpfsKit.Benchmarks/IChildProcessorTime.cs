namespace IpfsKit.Benchmarks;

/// <summary>A benchmark class whose methods make a child process work (<see cref="InterleavedRunner"/> counts its processor time).</summary>
internal interface IChildProcessorTime
{
    /// <summary>Gets the processor time the child process has used so far.</summary>
    TimeSpan ChildProcessorTime { get; }
}
