using DefenderConnector.Pulling;
using Polly;
using Polly.Retry;

namespace DefenderConnector.Sources.Graph;

/// <summary>
/// The one retry layer for Graph, legacy and token calls (the Graph SDK's RetryHandler is not in the
/// HTTP pipeline because the source hands Graph its own HttpClient, and MSAL's retry-once-on-5xx is
/// turned off). The decision is a pure function; the Polly pipeline only applies it on the injected clock.
/// </summary>
internal static class GraphRetryPolicy
{
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(5);

    /// <summary>How long to wait before retry <paramref name="attempt"/> (0-based), or null to give up.</summary>
    public static TimeSpan? Decide(ConnectorException failure, int attempt, int maxRetries)
    {
        if (!failure.IsTransient || attempt >= maxRetries)
        {
            return null;
        }

        if (failure.RetryAfter is { } after)
        {
            // The server's word wins, but a wild value must not park the pull for hours.
            return after > MaxDelay ? MaxDelay : after;
        }

        var backoff = TimeSpan.FromSeconds(Math.Pow(2, attempt));
        return backoff > TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : backoff;
    }

    public static ResiliencePipeline Build(int maxRetries, TimeProvider time, Action<ConnectorException, int, TimeSpan>? onRetry)
    {
        if (maxRetries == 0)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = maxRetries,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is ConnectorException { IsGraph: true, IsTransient: true }),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is ConnectorException { IsGraph: true } g ? Decide(g, args.AttemptNumber, maxRetries) : null),
                OnRetry = args =>
                {
                    if (args.Outcome.Exception is ConnectorException { IsGraph: true } g)
                    {
                        onRetry?.Invoke(g, args.AttemptNumber, args.RetryDelay);
                    }

                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }
}
