using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace DefenderConnector.Benchmarks;

/// <summary>MB/s or records/s from the median time of one operation (one record) and the corpus size.</summary>
internal sealed class ThroughputColumn(bool megabytes) : IColumn
{
    public string Id => megabytes ? "MBps" : "RecordsPerSecond";

    public string ColumnName => megabytes ? "MB/s" : "records/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => megabytes ? 0 : 1;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => megabytes ? "Megabytes (10^6) of Event Hub body per second, from the median" : "Records per second, from the median";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } statistics)
        {
            return "-";
        }

        var family = (string)benchmarkCase.Parameters["Family"];
        var (body, records) = MappingCorpus.Load(family);
        var secondsPerRecord = statistics.Median / 1e9;
        return megabytes
            ? (body.Length / (double)records / secondsPerRecord / 1e6).ToString("N1", System.Globalization.CultureInfo.InvariantCulture)
            : (1 / secondsPerRecord).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
