namespace DefenderConnector.Abstractions;

/// <summary>A configured connector: one or more sources, each pulled on its own schedule.</summary>
public interface IConnector : IAsyncDisposable
{
    /// <summary>The configured sources with their schedules, in the order the settings list them.</summary>
    IReadOnlyList<SourceDescriptor> Sources { get; }

    /// <summary>Checks every hop to one source without moving any checkpoint.</summary>
    Task<ConnectivityReport> TestConnectivityAsync(string source, CancellationToken cancellationToken);

    /// <summary>
    /// Runs one pull of a source: reads what is available up to the pull's limits, hands events to the
    /// sink in batches and commits positions only after the sink confirmed each batch.
    /// Pulls of one source must not overlap; the host serializes them.
    /// </summary>
    Task<PullSummary> PullAsync(string source, CancellationToken cancellationToken);
}
