using DefenderConnector.Checkpoints;

namespace DefenderConnector.Pulling;

/// <summary>
/// One ordered stream the pull engine reads (an Event Hub partition, one API collection). A reader only
/// reads: it says where it starts, hands over chunks of messages or objects, names the position after
/// any item, and classifies its failures. Decoding, mapping, delivery and commit are the engine's
/// (<see cref="PullRun.ReadAsync"/>); the engine tells the reader what it committed.
/// </summary>
internal interface IStreamReader : IAsyncDisposable
{
    /// <summary>What logs and facts call this stream (a partition id, <c>incidents</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Reads the stored position and decides where to start. The returned commit (a position remembered
    /// without reading, or one reset by <c>onInvalidCheckpoint</c>) is written by the engine before any read.
    /// </summary>
    Task<StreamStart> StartAsync(IStateStore state, CancellationToken cancellationToken);

    /// <summary>Opens the stream right after the last committed position (again after a transient failure).</summary>
    Task OpenAsync(CancellationToken cancellationToken);

    /// <summary>The next chunk, of at most <paramref name="maxItems"/> items (the rest of the pull's budget); null when the stream is done for this pull.</summary>
    Task<ReadChunk?> ReadAsync(long maxItems, CancellationToken cancellationToken);

    /// <summary>
    /// The position after item <paramref name="index"/> of the current chunk (-1: the chunk's start), or null when none can be
    /// committed there. A stream with nothing to commit (a replayed file) returns an empty commit: the batch's dead letters are still stored.
    /// </summary>
    StateCommit? PositionAfter(int index);

    /// <summary>The engine committed <see cref="PositionAfter"/>(<paramref name="index"/>) after the sink confirmed what it covers.</summary>
    void Committed(int index);

    /// <summary>Closes what <see cref="OpenAsync"/> opened (before a reopen, or at the end).</summary>
    ValueTask CloseAsync();

    /// <summary>The classified retry decision: the delay before retry <paramref name="attempt"/> (1-based), or null to end the pull with this failure.</summary>
    TimeSpan? RetryDelay(ConnectorException failure, int attempt);

    /// <summary>A retry was decided: telemetry of the reader's own (reconnect counts by reason).</summary>
    void OnRetry(ConnectorException failure, int attempt, TimeSpan delay);
}
