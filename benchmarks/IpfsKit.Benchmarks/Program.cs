using BenchmarkDotNet.Running;

namespace IpfsKit.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project benchmarks/IpfsKit.Benchmarks -- --filter '*'</c>; or the
/// in-process composite cluster simulation: <c>… -- composite-sim</c> (see <see cref="CompositeSimulation.CompositeSimulation"/>).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "composite-sim")
        {
            return await CompositeSimulation.CompositeSimulation.RunAsync(args).ConfigureAwait(false);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
