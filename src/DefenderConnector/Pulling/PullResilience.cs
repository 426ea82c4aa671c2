using Polly;
using Polly.Retry;

namespace DefenderConnector.Pulling;

/// <summary>
/// The one retry layer of a pull: a Polly retry pipeline on the injected clock that applies the
/// reader's classified decision (<see cref="IStreamReader.RetryDelay"/>). Failures are counted since the
/// last progress (a committed batch calls <see cref="Progress"/>), so a long pull that meets a few drops
/// over hours is not failed by them, while the reader's limit of failures in a row is.
/// </summary>
internal sealed class PullResilience
{
    private readonly Func<ConnectorException, int, TimeSpan?> _decide;
    private int _failures;
    private TimeSpan? _pending;

    public PullResilience(TimeProvider time, Func<ConnectorException, int, TimeSpan?> decide, Action<ConnectorException, int, TimeSpan> onRetry)
    {
        _decide = decide;
        Pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = int.MaxValue,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is ConnectorException failure && Decide(failure) is not null),
                DelayGenerator = _ => ValueTask.FromResult(_pending),
                OnRetry = args =>
                {
                    if (args.Outcome.Exception is ConnectorException failure)
                    {
                        onRetry(failure, _failures, args.RetryDelay);
                    }

                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public ResiliencePipeline Pipeline { get; }

    /// <summary>Something was committed: the count of failures in a row starts again.</summary>
    public void Progress() => Interlocked.Exchange(ref _failures, 0);

    private TimeSpan? Decide(ConnectorException failure)
    {
        var attempt = Interlocked.Increment(ref _failures);
        _pending = _decide(failure, attempt);
        return _pending;
    }
}
