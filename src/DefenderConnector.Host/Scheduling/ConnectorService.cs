using DefenderConnector.Abstractions;
using DefenderConnector.Host.Health;
using Microsoft.Extensions.Hosting;

namespace DefenderConnector.Host.Scheduling;

/// <summary>
/// <c>run</c>'s worker under the generic host: pulls every source on its schedule (<see cref="PullScheduler"/>)
/// until the host stops (SIGTERM, Ctrl+C, systemd's stop). Stopping cancels the pull in flight, which ends after
/// its current batch is delivered and committed (or abandons it uncommitted); the host waits for that.
/// </summary>
internal sealed class ConnectorService(IConnector connector, HealthMonitor health, Action<PullSummary> report) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        health.SetRunning(true);
        try
        {
            await PullScheduler.RunAsync(
                connector,
                connector.Sources,
                summary =>
                {
                    health.PullEnded(summary);
                    report(summary);
                },
                stoppingToken,
                health.PullStarted).ConfigureAwait(false);
        }
        finally
        {
            health.SetRunning(false);
        }
    }
}
