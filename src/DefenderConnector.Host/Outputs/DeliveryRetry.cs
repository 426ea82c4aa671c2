using Polly;
using Polly.Retry;

namespace DefenderConnector.Host.Outputs;

/// <summary>
/// Back-pressure instead of buffers: a batch the receiver did not confirm is sent again after an exponential
/// backoff (capped), honouring a receiver's <c>Retry-After</c>; after the last attempt the write throws and the
/// plugin checkpoints nothing. The decision is a pure function; the Polly pipeline applies it on the injected clock.
/// </summary>
internal static class DeliveryRetry
{
    /// <summary>How long to wait before retry <paramref name="attempt"/> (0-based), or null to give up.</summary>
    public static TimeSpan? Decide(OutputDeliveryException failure, int attempt, RetrySettings settings, TimeSpan? retryAfter = null)
    {
        if (!failure.IsTransient || attempt >= settings.MaxRetries)
        {
            return null;
        }

        if (retryAfter is { } after)
        {
            return after > settings.MaxDelay ? settings.MaxDelay : after;
        }

        var backoff = settings.BaseDelay * Math.Pow(2, attempt);
        return backoff > settings.MaxDelay ? settings.MaxDelay : backoff;
    }

    public static ResiliencePipeline Build(RetrySettings settings, TimeProvider time, Action<OutputDeliveryException, int, TimeSpan>? onRetry)
    {
        if (settings.MaxRetries == 0)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = settings.MaxRetries,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is OutputDeliveryException { IsTransient: true }),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is OutputDeliveryException e ? Decide(e, args.AttemptNumber, settings, e.RetryAfter) : null),
                OnRetry = args =>
                {
                    if (args.Outcome.Exception is OutputDeliveryException e)
                    {
                        onRetry?.Invoke(e, args.AttemptNumber, args.RetryDelay);
                    }

                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }
}
