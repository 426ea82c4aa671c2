using DefenderConnector.Pulling;

namespace DefenderConnector.Sources.Storage;

/// <summary>
/// The retry decision for Storage failures, as a pure function: transient failures (throttled, service
/// error, no answer) back off exponentially from 1 s (4 s when throttled) up to 60 s with ±20 % jitter;
/// anything else ends the container's read for this pull. The SDK's own retries are off.
/// </summary>
internal static class StorageRetryDecision
{
    public static TimeSpan? Delay(ConnectorException failure, int attempt, int maxRetries, double random01)
    {
        if (!failure.IsTransient || attempt > maxRetries || failure.Failure != ConnectorFailure.Storage)
        {
            return null;
        }

        var floor = StorageFailureClassifier.ReasonOf(failure) == StorageFailureReason.Throttled ? 4.0 : 1.0;
        var seconds = Math.Min(StorageConstants.MaxRetryDelay.TotalSeconds, floor * Math.Pow(2, attempt - 1));
        var jitter = 0.8 + (0.4 * Math.Clamp(random01, 0, 1));
        return TimeSpan.FromSeconds(Math.Min(StorageConstants.MaxRetryDelay.TotalSeconds, seconds * jitter));
    }
}
