using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace IpfsKit.Benchmarks;

/// <summary>
/// Adds a <c>MB/s</c> column: the bytes one operation processes (decimal megabytes, 10^6 bytes) divided by the mean time.
/// The <c>Ratio</c> column divides times, so a throughput relative to the baseline is <c>1 / Ratio</c>.
/// </summary>
/// <param name="bytesPerOperation">How many bytes each benchmark of the class processes per invocation.</param>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ThroughputColumnAttribute(long bytesPerOperation) : ColumnConfigBaseAttribute(new ThroughputColumn(bytesPerOperation))
{
    private sealed class ThroughputColumn(long bytesPerOperation) : IColumn
    {
        public string Id => nameof(ThroughputColumn);

        public string ColumnName => "MB/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => $"Throughput: {bytesPerOperation:N0} bytes per operation / mean time, in 10^6 bytes per second";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
            return mean is > 0 ? (bytesPerOperation / (mean.Value / 1e9) / 1e6).ToString("N0", style.CultureInfo) : "NA";
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public override string ToString() => ColumnName;
    }
}
