namespace DefenderConnector.Abstractions;

/// <summary>A connector's stored state, as operators see it.</summary>
public interface IConnectorState : IAsyncDisposable
{
    /// <summary>
    /// One row per source stream and partition: checkpoint, the tail when <paramref name="readTails"/> and the
    /// source answers, the lag, the source's last pull and the dead letters still open.
    /// </summary>
    Task<IReadOnlyList<StreamStatus>> GetStatusAsync(bool readTails, CancellationToken cancellationToken);

    /// <summary>Dead letters in the order they were stored; re-driven ones only with <paramref name="includeDone"/>.</summary>
    Task<IReadOnlyList<DeadLetterEntry>> ListDeadLettersAsync(bool includeDone, CancellationToken cancellationToken);

    /// <summary>
    /// Maps the given dead letters again and delivers what now maps through the context's sink; each one delivered
    /// is marked done (and never re-driven again). One that still fails stays open with its new reason.
    /// </summary>
    Task<RedriveSummary> RedriveAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken);
}
