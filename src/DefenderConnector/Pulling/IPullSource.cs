using DefenderConnector.Abstractions;

namespace DefenderConnector.Pulling;

/// <summary>
/// One configured source as the pull engine sees it: its limits, which streams to read (through
/// <see cref="PullRun.ReadAsync"/>), and how to test it. Reading, batching, delivery and commit are the engine's.
/// </summary>
internal interface IPullSource : IAsyncDisposable
{
    SourceDescriptor Descriptor { get; }

    /// <summary>The most events one pull delivers (<see cref="long.MaxValue"/>: no limit).</summary>
    long MaxEventsPerPull { get; }

    /// <summary>How long one pull may read.</summary>
    TimeSpan MaxPullDuration { get; }

    /// <summary>The configured tenant the source belongs to (<c>tenants[]</c>): its events carry its label and id. Null without tenants.</summary>
    Mapping.TenantStamp? Tenant => null;

    Task<ConnectivityReport> TestConnectivityAsync(CancellationToken cancellationToken);

    /// <summary>Reads the source's streams through <paramref name="run"/>; returns the facts for the summary.</summary>
    Task<SourcePullOutcome> PullAsync(PullRun run, CancellationToken cancellationToken);
}

/// <summary>Why a pull stopped.</summary>
internal enum PullStopReason
{
    CaughtUp,

    /// <summary>A stream went quiet before the end it had at the start of the pull; what was delivered is committed and the next pull continues.</summary>
    StoppedEarly,
    MaxEvents,
    MaxDuration,
    Cancelled,
    Failed,
    AlreadyRunning,
}

/// <summary>How a source's pull ended, with facts for the summary (never secrets).</summary>
/// <param name="Error">Why a pull that still delivered part of its data is <see cref="PullStopReason.Failed"/> (for example one stream of several).</param>
internal sealed record SourcePullOutcome(PullStopReason StopReason, IReadOnlyList<KeyValuePair<string, string>> Facts, string? Error = null);
