using System.Globalization;
using BenchmarkDotNet.Running;

namespace IpfsKit.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project benchmarks/IpfsKit.Benchmarks -- --filter '*'</c>, or one class
/// with the round-robin stopwatch harness: <c>-- --interleaved ImportBenchmarks [rounds]</c> (see <see cref="InterleavedRunner"/>).
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["--interleaved", var name, ..])
        {
            InterleavedRunner.Run(name, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
