namespace DefenderConnector.Host.Outputs;

/// <summary>How often and how patiently an output re-sends a batch its receiver did not confirm.</summary>
/// <param name="MaxRetries">Retries after the first attempt (<c>maxRetries</c>, default 5; 0 = fail at once).</param>
/// <param name="BaseDelay">The first backoff (<c>retryDelay</c>, default 1 s), doubled each retry.</param>
/// <param name="MaxDelay">The longest single wait (<c>retryMaxDelay</c>, default 30 s).</param>
internal sealed record RetrySettings(int MaxRetries, TimeSpan BaseDelay, TimeSpan MaxDelay);
