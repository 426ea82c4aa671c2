using DefenderConnector.Abstractions;
using Quartz;

namespace DefenderConnector.Host.Scheduling;

/// <summary>
/// One Quartz job per source. <see cref="DisallowConcurrentExecutionAttribute"/> keeps pulls of a
/// source from overlapping: a trigger that fires while a pull still runs waits, and misfires are
/// dropped rather than replayed in a burst.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class PullJob : IJob
{
    public const string ConnectorKey = "connector";
    public const string ReportKey = "report";
    public const string SourceKey = "source";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var connector = (IConnector)context.Scheduler.Context[ConnectorKey]!;
        var report = (Action<PullSummary>)context.Scheduler.Context[ReportKey]!;
        var source = context.MergedJobDataMap.GetString(SourceKey)!;
        var summary = await connector.PullAsync(source, cancellationToken).ConfigureAwait(false);
        report(summary);
    }
}
