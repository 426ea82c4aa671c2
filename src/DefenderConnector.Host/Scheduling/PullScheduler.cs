using System.Collections.Specialized;
using DefenderConnector.Abstractions;
using Quartz;

namespace DefenderConnector.Host.Scheduling;

/// <summary>
/// Schedules one <see cref="PullJob"/> per source at the source's pull interval, the first pull at once.
/// An interval of zero means continuous: the next pull starts about a second after the previous one ended.
/// </summary>
internal static class PullScheduler
{
    private static readonly TimeSpan ContinuousGap = TimeSpan.FromSeconds(1);

    public static async Task RunAsync(IConnector connector, IReadOnlyList<SourceDescriptor> sources, Action<PullSummary> report, CancellationToken cancellationToken, Action<string>? started = null)
    {
        var properties = new NameValueCollection
        {
            ["quartz.scheduler.instanceName"] = $"defender-connector-{Guid.NewGuid():N}",
            ["quartz.threadPool.maxConcurrency"] = Math.Max(1, sources.Count).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var factory = QuartzSchedulerBuilder.Create(_ => { }).UseProperties(properties).Build();
        await using var disposeFactory = factory.ConfigureAwait(false);
        var scheduler = await factory.GetScheduler(cancellationToken).ConfigureAwait(false);
        scheduler.Context[PullJob.ConnectorKey] = connector;
        scheduler.Context[PullJob.ReportKey] = report;
        scheduler.Context[PullJob.StoppingKey] = cancellationToken;
        scheduler.Context[PullJob.StartedKey] = started ?? (_ => { });
        foreach (var source in sources)
        {
            var job = JobBuilder.Create<PullJob>()
                .WithIdentity(source.Name)
                .UsingJobData(PullJob.SourceKey, source.Name)
                .Build();
            var interval = source.PullInterval > TimeSpan.Zero ? source.PullInterval : ContinuousGap;
            var trigger = TriggerBuilder.Create()
                .WithIdentity(source.Name + "-trigger")
                .StartNow()
                .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
                .Build();
            await scheduler.ScheduleJob(job, trigger, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        await scheduler.Start(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM: let a running pull finish its current batch and stop.
        }
        finally
        {
            await scheduler.Shutdown(waitForJobsToComplete: true, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
