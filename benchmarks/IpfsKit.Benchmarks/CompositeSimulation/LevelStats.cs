using System.Diagnostics;

namespace IpfsKit.Benchmarks.CompositeSimulation;

/// <summary>What one level of masters cost: plans, nodes read, time and bytes allocated, in total and for the busiest master.</summary>
internal sealed class LevelStats(string name)
{
    public string Name => name;

    public int Masters { get; private set; }

    public int Plans { get; private set; }

    public long NodesRead { get; private set; }

    public long MaxNodesRead { get; private set; }

    public long MaxOutlineLinks { get; private set; }

    public TimeSpan Time { get; private set; }

    /// <summary>Gets the process CPU time (all threads, GC included): the figure that holds on a loaded machine.</summary>
    public TimeSpan Cpu { get; private set; }

    public TimeSpan MaxCpu { get; private set; }

    public TimeSpan MaxTime { get; private set; }

    public long Allocated { get; private set; }

    public long MaxAllocated { get; private set; }

    /// <summary>Runs one master's work on this thread and records it.</summary>
    public async Task MeasureAsync(SimMaster master, Func<Task> work)
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var reads = master.NodesRead;
        var plans = master.Plans.Count;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await work().ConfigureAwait(false);
        clock.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Cpu += cpu;
        MaxCpu = cpu > MaxCpu ? cpu : MaxCpu;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        Masters++;
        Plans += master.Plans.Count - plans;
        NodesRead += master.NodesRead - reads;
        MaxNodesRead = Math.Max(MaxNodesRead, master.NodesRead - reads);
        MaxOutlineLinks = Math.Max(MaxOutlineLinks, master.MaxOutlineLinks);
        Time += clock.Elapsed;
        MaxTime = clock.Elapsed > MaxTime ? clock.Elapsed : MaxTime;
        Allocated += allocated;
        MaxAllocated = Math.Max(MaxAllocated, allocated);
    }
}
