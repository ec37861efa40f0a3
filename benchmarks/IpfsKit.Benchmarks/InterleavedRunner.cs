using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace IpfsKit.Benchmarks;

/// <summary>
/// A stopwatch harness for a machine shared with other work: runs every <see cref="BenchmarkAttribute"/> method of a
/// class round-robin (one call of each per round, so a burst of outside load hits all of them alike), for each value of
/// its <see cref="ParamsAttribute"/> property, and prints per method the fastest and the median call, the ratio of the
/// fastest to its category's baseline, the processor time of the call (this process's, plus a child process's when the
/// class reports one through <see cref="IChildProcessorTime"/>) with its ratio, and the bytes allocated per call (all
/// threads), its peak managed heap and peak working set (largest of the rounds, see <see cref="MemoryProbe"/>), and, for
/// a class whose child processes include a server both sides talk to, the client's share of the processor time (all of
/// it but the server's). The fastest call is the one least disturbed by other processes; processor time does not count the time
/// other processes held the cores, so its ratios stay steady on a busy machine (they count all the work, including what
/// overlaps in wall time, such as the importer's read-ahead on a second core).
/// Run: <c>dotnet run -c Release --project benchmarks/IpfsKit.Benchmarks -- --interleaved ImportBenchmarks [rounds [methods]]</c>
/// (<c>methods</c>: a comma-separated subset, each category keeping its baseline; the property may be a
/// <see cref="ParamsSourceAttribute"/> too).
/// </summary>
internal static class InterleavedRunner
{
    public static void Run(string className, int rounds, string? only = null)
    {
        var type = typeof(InterleavedRunner).Assembly.GetTypes().Single(t => t.Name == className);
        var methods = type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null).ToList();
        if (only is { Length: > 0 })
        {
            methods = methods.Where(m => only.Split(',').Contains(m.Name, StringComparer.Ordinal)).ToList();
        }

        var parameter = type.GetProperties().SingleOrDefault(p => p.GetCustomAttribute<ParamsAttribute>() is not null || p.GetCustomAttribute<ParamsSourceAttribute>() is not null);
        var values = parameter?.GetCustomAttribute<ParamsAttribute>()?.Values
            ?? (parameter?.GetCustomAttribute<ParamsSourceAttribute>() is { } source
                ? ((System.Collections.IEnumerable)type.GetMethod(source.Name)!.Invoke(null, null)!).Cast<object?>().ToArray()
                : [null]);
        Console.WriteLine($"{className}: {rounds} rounds, {Environment.ProcessorCount} cores, .NET {Environment.Version}; fastest and median of the rounds");
        Console.WriteLine();
        Console.WriteLine("| Method | Category | " + (parameter?.Name ?? "-") + " | Fastest ms | Median ms | Ratio (fastest) | CPU ms (least) | CPU ratio | Client CPU ms | Client CPU ratio | Allocated B/op | Peak heap MiB | Peak WS MiB |");
        Console.WriteLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var value in values)
        {
            var instance = Activator.CreateInstance(type)!;
            parameter?.SetValue(instance, value);
            // The setups for some methods when there are any (they do the general one too, as ImportBenchmarks.SetupNode), else the general one.
            var setups = type.GetMethods().Where(m => m.GetCustomAttribute<GlobalSetupAttribute>() is not null).ToList();
            var targeted = setups.Where(m => m.GetCustomAttribute<GlobalSetupAttribute>()!.Targets.Length > 0).ToList();
            foreach (var setup in targeted.Count > 0 ? targeted : setups)
            {
                Wait(setup.Invoke(instance, null));
            }

            var times = methods.ToDictionary(m => m, _ => new List<double>());
            var processorTimes = methods.ToDictionary(m => m, _ => new List<double>());
            var clientTimes = methods.ToDictionary(m => m, _ => new List<double>());
            var allocated = methods.ToDictionary(m => m, _ => 0L);
            var peakHeap = methods.ToDictionary(m => m, _ => 0L);
            var peakWorkingSet = methods.ToDictionary(m => m, _ => 0L);
            for (var round = -1; round < rounds; round++)
            {
                foreach (var method in methods)
                {
                    var before = GC.GetTotalAllocatedBytes(precise: true);
                    var processorBefore = ProcessorTime(instance);
                    var serverBefore = ServerProcessorTime(instance);
                    var probe = MemoryProbe.Start();
                    var watch = Stopwatch.StartNew();
                    Wait(method.Invoke(instance, null));

                    watch.Stop();
                    probe.Dispose();
                    if (round >= 0)
                    {
                        // Round -1 warms up (JIT, pools); it is not counted.
                        var processor = (ProcessorTime(instance) - processorBefore).TotalMilliseconds;
                        times[method].Add(watch.Elapsed.TotalMilliseconds);
                        processorTimes[method].Add(processor);
                        clientTimes[method].Add(processor - (ServerProcessorTime(instance) - serverBefore).TotalMilliseconds);
                        allocated[method] += GC.GetTotalAllocatedBytes(precise: true) - before;
                        peakHeap[method] = Math.Max(peakHeap[method], probe.PeakHeap);
                        peakWorkingSet[method] = Math.Max(peakWorkingSet[method], probe.PeakWorkingSet);
                    }
                }
            }

            foreach (var cleanup in type.GetMethods().Where(m => m.GetCustomAttribute<GlobalCleanupAttribute>() is not null))
            {
                Wait(cleanup.Invoke(instance, null));
            }

            foreach (var method in methods)
            {
                var category = method.GetCustomAttribute<BenchmarkCategoryAttribute>()?.Categories.FirstOrDefault() ?? string.Empty;
                var baseline = methods.Single(m => m.GetCustomAttribute<BenchmarkAttribute>()!.Baseline
                    && (m.GetCustomAttribute<BenchmarkCategoryAttribute>()?.Categories.FirstOrDefault() ?? string.Empty) == category);
                var sorted = times[method].Order().ToList();
                var ratio = sorted[0] / times[baseline].Min();
                var processor = processorTimes[method].Min();
                var processorRatio = processor / processorTimes[baseline].Min();
                var client = clientTimes[method].Min();
                var clientRatio = client / clientTimes[baseline].Min();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {method.Name} | {category} | {value} | {sorted[0]:F1} | {sorted[sorted.Count / 2]:F1} | {ratio:F3} | {processor:F1} | {processorRatio:F3} | {client:F1} | {clientRatio:F3} | {allocated[method] / rounds:N0} | {peakHeap[method] / 1048576.0:F1} | {peakWorkingSet[method] / 1048576.0:F1} |"));
            }
        }
    }

    /// <summary>Waits for what a benchmark, setup or cleanup method returned, when it is a task.</summary>
    private static void Wait(object? result)
    {
        if (result is Task task)
        {
            task.GetAwaiter().GetResult();
        }
    }

    private static TimeSpan ServerProcessorTime(object instance) => (instance as IChildProcessorTime)?.ServerProcessorTime ?? TimeSpan.Zero;

    private static TimeSpan ProcessorTime(object instance)
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime + ((instance as IChildProcessorTime)?.ChildProcessorTime ?? TimeSpan.Zero);
    }
}
