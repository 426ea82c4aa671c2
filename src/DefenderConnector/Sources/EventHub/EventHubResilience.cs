using Polly;
using Polly.Retry;

namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// The one retry layer of the Event Hub source: a Polly retry pipeline on the injected clock that
/// applies <see cref="EventHubRetryDecision"/>. Failures are counted since the last progress (a
/// delivered batch calls <see cref="Progress"/>), so a long pull that meets a few drops over hours is
/// not failed by them, while <c>maxRetries</c> failures in a row are.
/// </summary>
internal sealed class EventHubResilience
{
    private readonly int _maxRetries;
    private readonly Func<double> _random;
    private int _failures;
    private TimeSpan? _pending;

    public EventHubResilience(int maxRetries, TimeProvider time, Func<double> random, Action<EventHubException, int, TimeSpan> onRetry)
    {
        _maxRetries = maxRetries;
        _random = random;
        Pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = int.MaxValue,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is EventHubException failure && Decide(failure) is not null),
                DelayGenerator = _ => ValueTask.FromResult(_pending),
                OnRetry = args =>
                {
                    if (args.Outcome.Exception is EventHubException failure)
                    {
                        onRetry(failure, _failures, args.RetryDelay);
                    }

                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public ResiliencePipeline Pipeline { get; }

    /// <summary>Something was delivered: the count of failures in a row starts again.</summary>
    public void Progress() => Interlocked.Exchange(ref _failures, 0);

    private TimeSpan? Decide(EventHubException failure)
    {
        var attempt = Interlocked.Increment(ref _failures);
        _pending = EventHubRetryDecision.Delay(failure, attempt, _maxRetries, _random());
        return _pending;
    }
}
