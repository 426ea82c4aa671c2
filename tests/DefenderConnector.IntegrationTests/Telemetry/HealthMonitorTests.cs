using System.Net;
using DefenderConnector.Abstractions;
using DefenderConnector.Host.Health;
using DefenderConnector.Host.Telemetry;
using Microsoft.Extensions.Time.Testing;

namespace DefenderConnector.IntegrationTests.Telemetry;

/// <summary>
/// Health on a fake clock: one failure does not flap a source; repeated failures (a wrong key, an output that
/// refuses) make it degraded, then failed once they last; a partition whose position stops while events wait
/// goes degraded, then failed; each recovers to healthy. Measurements arrive through <see cref="HostMetrics"/>
/// as the plugin reports them.
/// </summary>
public sealed class HealthMonitorTests
{
    private static readonly HealthThresholds Thresholds = new(FailuresBeforeDegraded: 2, FailuresBeforeFailed: 4, FailedAfter: TimeSpan.FromMinutes(20), StalledAfter: TimeSpan.FromMinutes(15), StalledFailedAfter: TimeSpan.FromMinutes(60));

    [Theory]
    [InlineData("AuthenticationFailed: the SAS key was refused (wrong key)")]
    [InlineData("SinkFailed: the output refused the batch of 500 events")]
    public void A_failing_source_goes_degraded_then_failed_and_recovers_after_one_good_pull(string error)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var health = new HealthMonitor(Thresholds, clock);
        health.SetRunning(true);
        health.PullEnded(Ok());
        Assert.Equal(HealthState.Healthy, health.Report().State);

        health.PullEnded(Failed(error));
        Assert.Equal(HealthState.Healthy, health.Report().State); // one transient error does not flap it

        clock.Advance(TimeSpan.FromMinutes(5));
        health.PullEnded(Failed(error));
        var degraded = health.Report();
        Assert.Equal(HealthState.Degraded, degraded.State);
        Assert.True(degraded.Ready);
        Assert.Contains(error, degraded.Components.Single(c => c.Partition is null).Reason, StringComparison.Ordinal);

        // Enough failures in a row, but not for long enough: still degraded.
        health.PullEnded(Failed(error));
        health.PullEnded(Failed(error));
        Assert.Equal(HealthState.Degraded, health.Report().State);

        clock.Advance(TimeSpan.FromMinutes(15));
        health.PullEnded(Failed(error));
        var failed = health.Report();
        Assert.Equal(HealthState.Failed, failed.State);
        Assert.False(failed.Ready);
        Assert.True(failed.Live);

        clock.Advance(TimeSpan.FromMinutes(5));
        health.PullEnded(Ok());
        var recovered = health.Report();
        Assert.Equal(HealthState.Healthy, recovered.State);
        Assert.True(recovered.Ready);
    }

    [Fact]
    public void A_partition_that_stops_moving_while_events_wait_goes_degraded_then_failed_and_recovers_when_it_moves()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var health = new HealthMonitor(Thresholds, clock);
        using var metrics = new HostMetrics();
        metrics.AddObserver(health);
        health.SetRunning(true);

        Position(metrics, "0", position: 100, lag: 50);
        Position(metrics, "1", position: 10, lag: 0);
        clock.Advance(TimeSpan.FromMinutes(10));
        Position(metrics, "0", position: 100, lag: 80);
        Assert.Equal(HealthState.Healthy, health.Report().State);

        clock.Advance(TimeSpan.FromMinutes(6));
        Position(metrics, "0", position: 100, lag: 90);
        var degraded = health.Report();
        Assert.Equal(HealthState.Degraded, degraded.State);
        Assert.Equal(HealthState.Degraded, degraded.Components.Single(c => c.Partition == "0").State);
        Assert.Equal(HealthState.Healthy, degraded.Components.Single(c => c.Partition == "1").State);

        // Partition 1 caught up and not moving is fine: nothing waits in it.
        clock.Advance(TimeSpan.FromMinutes(50));
        var failed = health.Report();
        Assert.Equal(HealthState.Failed, failed.Components.Single(c => c.Partition == "0").State);
        Assert.Equal(HealthState.Healthy, failed.Components.Single(c => c.Partition == "1").State);
        Assert.False(failed.Ready);

        Position(metrics, "0", position: 190, lag: 0);
        Assert.Equal(HealthState.Healthy, health.Report().State);
    }

    [Fact]
    public async Task The_endpoints_answer_over_loopback_and_follow_the_state()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var health = new HealthMonitor(Thresholds, clock) { StuckAfter = TimeSpan.FromMinutes(30) };
        await using var endpoint = await HealthEndpoint.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), health, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = endpoint.Address, Timeout = TimeSpan.FromSeconds(30) };

        // Not started: not live, not ready.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("health/live")).StatusCode);
        health.SetRunning(true);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("health/ready")).StatusCode);

        for (var i = 0; i < 4; i++)
        {
            health.PullEnded(Failed("AuthenticationFailed: wrong key"));
            clock.Advance(TimeSpan.FromMinutes(10));
        }

        health.PullEnded(Failed("AuthenticationFailed: wrong key"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("health/ready")).StatusCode);
        var report = await http.GetAsync("health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, report.StatusCode);
        Assert.Contains("\"state\":\"failed\"", await report.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A pull stuck in flight longer than StuckAfter: the worker is not live.
        health.PullEnded(Ok());
        health.PullStarted("eventhub");
        clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("health/live")).StatusCode);
        health.PullEnded(Ok());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("health/live")).StatusCode);
    }

    private static void Position(HostMetrics metrics, string partition, long position, long lag)
    {
        metrics.Record("eventhub.partition_position", position, new("source", "eventhub"), new("partition", partition));
        metrics.Record("eventhub.partition_lag", lag, new("source", "eventhub"), new("partition", partition));
    }

    private static PullSummary Ok() => new() { Source = "eventhub", StartedAt = DateTimeOffset.UnixEpoch, Elapsed = TimeSpan.FromSeconds(1), StopReason = "CaughtUp" };

    private static PullSummary Failed(string error) => Ok() with { StopReason = "Failed", Error = error };
}
