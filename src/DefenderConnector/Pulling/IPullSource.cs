using DefenderConnector.Abstractions;

namespace DefenderConnector.Pulling;

/// <summary>One configured source: the steps only it knows (what to read, how to test it).</summary>
internal interface IPullSource : IAsyncDisposable
{
    SourceDescriptor Descriptor { get; }

    Task<ConnectivityReport> TestConnectivityAsync(CancellationToken cancellationToken);

    /// <summary>Reads what is available within the source's limits through <paramref name="pipeline"/>.</summary>
    Task<SourcePullOutcome> PullAsync(EventPipeline pipeline, CancellationToken cancellationToken);
}

/// <summary>Why a pull stopped.</summary>
internal enum PullStopReason
{
    CaughtUp,
    MaxEvents,
    MaxDuration,
    Cancelled,
    Failed,
    AlreadyRunning,
}

/// <summary>How a source's pull ended, with facts for the summary (never secrets).</summary>
/// <param name="Error">Why a pull that still delivered part of its data is <see cref="PullStopReason.Failed"/> (for example one stream of several).</param>
internal sealed record SourcePullOutcome(PullStopReason StopReason, IReadOnlyList<KeyValuePair<string, string>> Facts, string? Error = null);
