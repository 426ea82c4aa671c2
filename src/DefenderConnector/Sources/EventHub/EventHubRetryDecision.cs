using DefenderConnector.Pulling;
namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// The one retry decision for Event Hub failures, as a pure function: whether to reconnect and after
/// how long. Transient failures back off exponentially from 1 s (4 s for server-busy, as the service
/// asks) up to 60 s, with ±20 % jitter from the supplied random value. The SDK's own retries are off
/// (<see cref="EventHubClientFactory"/>); <see cref="Pulling.PullResilience"/> applies this decision through Polly.
/// </summary>
internal static class EventHubRetryDecision
{
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(60);

    /// <summary>The delay before retry <paramref name="attempt"/> (1-based), or null when the failure must not be retried.</summary>
    public static TimeSpan? Delay(ConnectorException failure, int attempt, int maxRetries, double random01)
    {
        if (!failure.IsTransient || attempt > maxRetries)
        {
            return null;
        }

        var floor = failure.EventHubReason == EventHubFailureReason.ServerBusy ? 4.0 : 1.0;
        var seconds = Math.Min(MaxDelay.TotalSeconds, floor * Math.Pow(2, attempt - 1));
        var jitter = 0.8 + (0.4 * Math.Clamp(random01, 0, 1));
        return TimeSpan.FromSeconds(Math.Min(MaxDelay.TotalSeconds, seconds * jitter));
    }
}
