namespace DefenderConnector.Host.Health;

/// <summary>
/// When a source or partition stops being healthy (<c>telemetry.health.*</c>). A source is degraded after
/// <paramref name="FailuresBeforeDegraded"/> failed pulls in a row, so one transient error does not flap it,
/// and failed after <paramref name="FailuresBeforeFailed"/> in a row lasting at least <paramref name="FailedAfter"/>.
/// A partition with events waiting whose position has not moved for <paramref name="StalledAfter"/> is
/// degraded, for <paramref name="StalledFailedAfter"/> failed. One successful pull (or a move) makes it healthy again.
/// </summary>
internal sealed record HealthThresholds(int FailuresBeforeDegraded, int FailuresBeforeFailed, TimeSpan FailedAfter, TimeSpan StalledAfter, TimeSpan StalledFailedAfter)
{
    public static HealthThresholds Default { get; } = new(2, 5, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1));
}
