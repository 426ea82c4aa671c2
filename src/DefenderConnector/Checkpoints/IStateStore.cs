namespace DefenderConnector.Checkpoints;

/// <summary>
/// The connector's durable state: partition checkpoints, API cursors (high-watermarks, de-duplication
/// windows) and dead letters. Semantics: <see cref="CommitAsync"/> is atomic and is called only after
/// the sink confirmed the batch it describes; reads see every commit that returned.
/// </summary>
internal interface IStateStore : IAsyncDisposable
{
    ValueTask<Checkpoint?> GetCheckpointAsync(string stream, string partition, CancellationToken cancellationToken);

    ValueTask<string?> GetCursorAsync(string key, CancellationToken cancellationToken);

    ValueTask CommitAsync(StateCommit commit, CancellationToken cancellationToken);

    /// <summary>Dead letters stored so far, per reason.</summary>
    ValueTask<IReadOnlyDictionary<string, long>> CountDeadLettersAsync(CancellationToken cancellationToken);

    // Operator reads and writes (status, dead-letters). Default bodies keep stores that do not offer them
    // compiling; the commands then say the store does not support them.

    /// <summary>Remembers how a source's pull ended (the last one per source is kept).</summary>
    ValueTask RecordPullAsync(PullRecord record, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>The last pull of each source.</summary>
    ValueTask<IReadOnlyList<PullRecord>> ReadPullsAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<PullRecord>>([]);

    /// <summary>Every stored checkpoint.</summary>
    ValueTask<IReadOnlyList<Checkpoint>> ReadCheckpointsAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException("This state store does not list its checkpoints.");

    /// <summary>Dead letters with their numbers, in stored order; done ones only with <paramref name="includeDone"/>.</summary>
    ValueTask<IReadOnlyList<StoredDeadLetter>> ReadStoredDeadLettersAsync(bool includeDone, CancellationToken cancellationToken) =>
        throw new NotSupportedException("This state store does not list its dead letters.");

    /// <summary>Marks a dead letter delivered by a re-drive; false when it was not open.</summary>
    ValueTask<bool> MarkDeadLetterDoneAsync(long id, DateTimeOffset at, CancellationToken cancellationToken) =>
        throw new NotSupportedException("This state store cannot mark dead letters done.");
}
