using System.Globalization;
using DefenderConnector.Abstractions;

namespace DefenderConnector.Host;

/// <summary>How reports and summaries are printed. Nothing printed here can hold a secret: the plugin never puts one in a report.</summary>
internal static class ConsoleReports
{
    public static void WriteConnectivity(TextWriter output, ConnectivityReport report)
    {
        output.WriteLine($"Source {report.Source}: {report.Outcome}");
        foreach (var hop in report.Hops)
        {
            var mark = hop.Verdict switch
            {
                HopVerdict.Passed => "ok  ",
                HopVerdict.Warning => "warn",
                HopVerdict.Failed => "FAIL",
                _ => "skip",
            };
            output.WriteLine($"  [{mark}] {hop.Name,-16} {hop.Detail}");
        }

        foreach (var (key, value) in report.Facts)
        {
            output.WriteLine($"  {key}: {value}");
        }

        output.WriteLine($"  => {report.Diagnosis}");
    }

    /// <summary>Where the events went, and what the output set aside.</summary>
    public static void WriteOutput(TextWriter output, Outputs.IOutput sink)
    {
        output.WriteLine(sink.Kind == "file" ? $"Events written to {sink.Destination}" : $"Events delivered to the {sink.Kind} output {sink.Destination}");
        if (sink.DeadLettered > 0)
        {
            output.WriteLine(sink.Kind is "syslog" or "relp"
                ? $"  {sink.DeadLettered} events too large for the {sink.Kind} output were dead-lettered (see output.deadLetterPath)"
                : $"  {sink.DeadLettered} events the {sink.Kind} output could not deliver (too large, or refused by the receiver) were dead-lettered with the reason (see output.deadLetterPath)");
        }
    }

    public static void WriteSummary(TextWriter output, PullSummary summary)
    {
        var seconds = Math.Max(summary.Elapsed.TotalSeconds, 1e-6);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Pull of {summary.Source}: {summary.StopReason}; {summary.EventsDelivered} events from {summary.MessagesRead} messages, {summary.DeadLettered} dead letters, {summary.Elapsed.TotalSeconds:0.00} s, {summary.EventsDelivered / seconds:0} events/s, {summary.BytesDelivered / seconds / 1e6:0.00} MB/s"));
        if (summary.Error is not null)
        {
            output.WriteLine($"  error: {summary.Error}");
        }

        foreach (var (table, count) in summary.EventsByTable)
        {
            output.WriteLine($"  {table,-32} {count,10}");
        }

        foreach (var (reason, count) in summary.DeadLettersByReason)
        {
            output.WriteLine($"  dead letters, {reason,-20} {count,10}");
        }

        foreach (var (name, count) in summary.UndocumentedActionTypes)
        {
            output.WriteLine($"  undocumented ActionType (Base Event, please report) {name,-40} {count,10}");
        }

        foreach (var (key, value) in summary.Facts)
        {
            output.WriteLine($"  {key}: {value}");
        }
    }
}
