using System.Globalization;
using BenchmarkDotNet.Running;

namespace IpfsKit.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project benchmarks/IpfsKit.Benchmarks -- --filter '*'</c>; one class
/// with the round-robin stopwatch harness: <c>-- --interleaved ImportBenchmarks [rounds [methods]]</c> (see <see cref="InterleavedRunner"/>);
/// or the in-process composite cluster simulation: <c>… -- composite-sim</c> (see <see cref="CompositeSimulation.CompositeSimulation"/>).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "composite-sim")
        {
            return await CompositeSimulation.CompositeSimulation.RunAsync(args).ConfigureAwait(false);
        }

        if (args is ["--interleaved", var name, ..])
        {
            InterleavedRunner.Run(name, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10, args.Length > 3 ? args[3] : null);
            return 0;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
