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

    // Operator reads and writes (status, dead-letters), implemented by both stores a user configures (SQLite, Blob).
    // The defaults are for stores that hold none of this (replay's dead-letter file, test doubles): they hold
    // nothing to list, so they list nothing and mark nothing; no operator command can reach a failure through them.

    /// <summary>Remembers how a source's pull ended (the last one per source is kept).</summary>
    ValueTask RecordPullAsync(PullRecord record, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>The last pull of each source.</summary>
    ValueTask<IReadOnlyList<PullRecord>> ReadPullsAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<PullRecord>>([]);

    /// <summary>Every stored checkpoint.</summary>
    ValueTask<IReadOnlyList<Checkpoint>> ReadCheckpointsAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<Checkpoint>>([]);

    /// <summary>Dead letters with their numbers, in stored order; done ones only with <paramref name="includeDone"/>.</summary>
    ValueTask<IReadOnlyList<StoredDeadLetter>> ReadStoredDeadLettersAsync(bool includeDone, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<StoredDeadLetter>>([]);

    /// <summary>
    /// Takes a listed dead letter for a re-drive before it is delivered; false when another instance took it or it
    /// changed since it was listed. A store of one instance (SQLite) has nobody to race, so the default takes it.
    /// </summary>
    ValueTask<bool> TryClaimDeadLetterAsync(long id, DateTimeOffset at, CancellationToken cancellationToken) => ValueTask.FromResult(true);

    /// <summary>Marks a dead letter delivered by a re-drive; false when it was not open.</summary>
    ValueTask<bool> MarkDeadLetterDoneAsync(long id, DateTimeOffset at, CancellationToken cancellationToken) => ValueTask.FromResult(false);
}
