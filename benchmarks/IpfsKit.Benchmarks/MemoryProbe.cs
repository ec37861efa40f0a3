namespace IpfsKit.Benchmarks;

/// <summary>
/// The memory peaks of one call: the managed heap (the largest of <see cref="GC.GetTotalMemory(bool)"/> sampled every
/// 5 ms and of each garbage collection's heap size before it ran, from <see cref="GC.GetGCMemoryInfo(GCKind)"/>) and the
/// process's working set (Linux: the peak is reset through <c>/proc/self/clear_refs</c> when the probe starts and read
/// as <c>VmHWM</c> from <c>/proc/self/status</c> when it stops; elsewhere <see cref="System.Diagnostics.Process.PeakWorkingSet64"/>,
/// the peak since the process started).
/// </summary>
internal sealed class MemoryProbe : IDisposable
{
    private readonly Timer _timer;
    private readonly object _gate = new();
    private int _collections;
    private long _peakHeap;

    private MemoryProbe()
    {
        ResetPeakWorkingSet();
        _collections = GC.CollectionCount(0);
        Sample();
        _timer = new Timer(_ => Sample(), null, 0, 5);
    }

    /// <summary>Gets the largest managed heap seen, in bytes.</summary>
    public long PeakHeap { get; private set; }

    /// <summary>Gets the peak working set, in bytes.</summary>
    public long PeakWorkingSet { get; private set; }

    /// <summary>Starts sampling.</summary>
    public static MemoryProbe Start() => new();

    /// <summary>Stops sampling and fixes <see cref="PeakHeap"/> and <see cref="PeakWorkingSet"/>.</summary>
    public void Dispose()
    {
        using (var stopped = new ManualResetEvent(false))
        {
            _timer.Dispose(stopped);
            stopped.WaitOne();
        }

        Sample();
        PeakHeap = _peakHeap;
        PeakWorkingSet = ReadPeakWorkingSet();
    }

    private void Sample()
    {
        lock (_gate)
        {
            _peakHeap = Math.Max(_peakHeap, GC.GetTotalMemory(forceFullCollection: false));
            // GetGCMemoryInfo allocates a little; ask it only after a collection (every collection counts in generation 0's).
            if (GC.CollectionCount(0) is var collections && collections != _collections)
            {
                // The heap just before the latest collection: a peak the sampling may have missed.
                _collections = collections;
                var info = GC.GetGCMemoryInfo(GCKind.Any);
                long before = 0;
                foreach (var generation in info.GenerationInfo)
                {
                    before += generation.SizeBeforeBytes;
                }

                _peakHeap = Math.Max(_peakHeap, before);
            }
        }
    }

    private static void ResetPeakWorkingSet()
    {
        if (OperatingSystem.IsLinux())
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
    }

    private static long ReadPeakWorkingSet()
    {
        if (!OperatingSystem.IsLinux())
        {
            using var self = System.Diagnostics.Process.GetCurrentProcess();
            return self.PeakWorkingSet64;
        }

        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                // "VmHWM:	  123456 kB"
                return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }
}
