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
    public const string StoppingKey = "stopping";
    public const string StartedKey = "started";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var connector = (IConnector)context.Scheduler.Context[ConnectorKey]!;
        var report = (Action<PullSummary>)context.Scheduler.Context[ReportKey]!;
        var source = context.MergedJobDataMap.GetString(SourceKey)!;
        // Ctrl+C or SIGTERM reaches the pull: it stops after the batch in flight (or abandons it uncommitted).
        var stopping = (CancellationToken)context.Scheduler.Context[StoppingKey]!;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping);
        ((Action<string>)context.Scheduler.Context[StartedKey]!)(source);
        var summary = await connector.PullAsync(source, linked.Token).ConfigureAwait(false);
        report(summary);
    }
}
